import { createServer, IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { createOrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import express, { type Express, type Request, type Response } from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { createExpressApp, expressServerOptions } from '../src/index.js'
import { TEST_SECRET } from './support/tokens.js'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

async function listen(server: Server): Promise<string> {
  servers.push(server)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** An app answering what Express gave the route: its own `req.app`, `req.path` and `res.json`. */
function echoApp(seen: Array<[Request, Response]>): Express {
  const app = express()
  app.get('/echo/:id', (req, res) => {
    seen.push([req, res])
    res.json({ id: req.params.id, path: req.path, sameApp: req.app === app, query: req.query })
  })
  return app
}

describe('expressServerOptions', () => {
  it('builds requests and responses with the prototypes Express would set, so its swap changes nothing', async () => {
    const app = echoApp([])
    const before: boolean[] = []
    const base = await listen(
      createServer(expressServerOptions(app), (req, res) => {
        before.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response)
        app(req, res)
      }),
    )
    const response = await fetch(`${base}/echo/a-1?x=1`)
    expect(await response.json()).toEqual({ id: 'a-1', path: '/echo/a-1', sameApp: true, query: { x: '1' } })
    expect(before).toEqual([true])
  })

  it('keeps the app serving a server built without them, and gives one pair of classes per app', async () => {
    const app = echoApp([])
    const options = expressServerOptions(app)
    expect(expressServerOptions(app)).toBe(options)
    expect(new options.IncomingMessage(undefined as never)).toBeInstanceOf(IncomingMessage)
    const base = await listen(createServer(app))
    expect(await (await fetch(`${base}/echo/b-1`)).json()).toMatchObject({ id: 'b-1', sameApp: true })
  })

  it('keeps the app working when mounted in another app, prepared before or after mounting', async () => {
    const root = express()
    const before = echoApp([])
    expressServerOptions(before)
    root.use('/before', before)
    const after = echoApp([])
    root.use('/after', after)
    expressServerOptions(after)
    const base = await listen(createServer(expressServerOptions(root), root))
    for (const mount of ['before', 'after']) {
      const response = await fetch(`${base}/${mount}/echo/d-1`)
      expect(await response.json()).toEqual({ id: 'd-1', path: '/echo/d-1', sameApp: true, query: {} })
    }
  })

  // Node 20's V8 gives every request its own hidden class without the options (the reason for them).
  it('keeps one hidden class for every request and every response once warm (V8 natives)', async () => {
    setFlagsFromString('--allow-natives-syntax') // for this worker's functions compiled from here on
    const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
      a: object,
      b: object,
    ) => boolean
    const seen: Array<[Request, Response]> = []
    const app = echoApp(seen)
    const base = await listen(createServer(expressServerOptions(app), app))
    for (let i = 0; i < 60; i++) await (await fetch(`${base}/echo/c-${i}`)).json()
    const [[req1, res1], [req2, res2]] = seen.slice(-2) as [[Request, Response], [Request, Response]]
    expect([sameHiddenClass(req1, req2), sameHiddenClass(res1, res2)]).toEqual([true, true])
  })
})

describe('createExpressApp().listen', () => {
  it('builds its server with expressServerOptions, and calls back once, with the server as this', async () => {
    const app = createExpressApp({
      service: createOrderService(inMemoryAdapters({ catalog: [] })),
      auth: { jwtSecret: TEST_SECRET },
    })
    let constructorSeen: unknown
    app.get('/probe', (req, res) => {
      constructorSeen = req.constructor
      res.json({})
    })
    const server = app.listen(0, '127.0.0.1')
    servers.push(server)
    await new Promise((resolve) => server.once('listening', resolve))
    await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/probe`)).json()
    expect(constructorSeen).toBe(expressServerOptions(app).IncomingMessage)

    const calls: unknown[] = []
    const other = app.listen(0, '127.0.0.1', function (this: unknown) {
      calls.push(this === other)
    })
    servers.push(other)
    await new Promise((resolve) => other.once('listening', resolve))
    other.emit('error', new Error('after listening'))
    expect(calls).toEqual([true])

    const port = (server.address() as AddressInfo).port
    const outcomes: unknown[] = []
    const taken = app.listen(port, '127.0.0.1', (error?: Error) =>
      outcomes.push(error?.message ?? 'listening'),
    )
    await new Promise((resolve) => taken.once('error', resolve))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(outcomes).toEqual([expect.stringContaining('EADDRINUSE')])
  })
})
