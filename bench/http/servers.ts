import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { OrderService } from '@orders/core'
import type { HttpOptions } from '@orders/http-common'
import { createExpressApp, expressServerOptions } from '@orders/http-express'
import { createHonoApp } from '@orders/http-hono'
import express from 'express'
import { Hono } from 'hono'
import type { Fixture } from './fixtures.js'
import { SECRET } from './fixtures.js'

export const SERVER_KINDS = [
  'bare-node',
  'bare-express',
  'bare-express-default-server',
  'bare-hono',
  'express',
  'hono',
  'express-fixed-core',
  'hono-fixed-core',
] as const
export type ServerKind = (typeof SERVER_KINDS)[number]

const JSON_HEADERS = { 'content-type': 'application/json' }

/** The headers of a bare answer: its type and length (the stacks send a Content-Length too, not chunks). */
function headersFor(json: string) {
  return { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(json)) }
}

/** Starts one kind of server on 127.0.0.1 and a free port; resolves with the port. */
export async function startServer(kind: ServerKind, fixture: Fixture, tokenCache: boolean): Promise<number> {
  const fixedCore = kind.endsWith('-fixed-core')
  const options: HttpOptions = {
    service: fixedCore ? await fixedAnswers(fixture) : fixture.service,
    auth: { jwtSecret: SECRET, tokenCache: { enabled: tokenCache } },
  }
  let server: Server
  if (kind.startsWith('hono') || kind === 'bare-hono') {
    const app = kind === 'bare-hono' ? bareHonoApp(fixture) : createHonoApp(options)
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
  } else if (kind === 'bare-node') {
    server = createServer(bareNodeHandler(fixture)).listen(0, '127.0.0.1')
  } else if (kind === 'bare-express-default-server') {
    // As `express().listen()` hosts an app: Express swaps the prototypes of each request and response.
    server = createServer(bareExpressApp(fixture)).listen(0, '127.0.0.1')
  } else {
    // Our stack and its bare baseline are hosted alike, as our `app.listen` does (expressServerOptions).
    const app = kind === 'bare-express' ? bareExpressApp(fixture) : createExpressApp(options)
    server = createServer(expressServerOptions(app), app).listen(0, '127.0.0.1')
  }
  await new Promise((resolve) => server.once('listening', resolve))
  return (server.address() as AddressInfo).port
}

/**
 * The fixture's service, except that the two benched use cases answer a view computed once: with it the
 * stack's kinds measure the adapter and the shared pipeline alone (for `ab.ts`, to split server time).
 */
async function fixedAnswers(fixture: Fixture): Promise<OrderService> {
  const real = fixture.service
  const order = await real.orders.get({ actor: { userId: 'bench', role: 'admin' }, orderId: fixture.orderId })
  const cart = JSON.parse(fixture.cartJson) as Awaited<ReturnType<OrderService['carts']['addItem']>>
  return {
    ...real,
    orders: Object.assign(Object.create(real.orders), { get: async () => order }),
    carts: Object.assign(Object.create(real.carts), { addItem: async () => cart }),
  }
}

/** node:http and nothing else: the same two routes, the same bytes, the body read before answering. */
function bareNodeHandler(fixture: Fixture): Parameters<typeof createServer>[1] {
  const [orderHeaders, cartHeaders] = [headersFor(fixture.orderJson), headersFor(fixture.cartJson)]
  return (req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/orders/')) {
      res.writeHead(200, orderHeaders)
      res.end(fixture.orderJson)
      return
    }
    if (req.method === 'POST' && req.url?.startsWith('/carts/')) {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, cartHeaders)
        res.end(fixture.cartJson)
      })
      return
    }
    res.writeHead(404)
    res.end()
  }
}

/** Express 5 routes returning the same bytes, with the settings our app also uses (no ETag, no X-Powered-By). */
function bareExpressApp(fixture: Fixture) {
  const [orderHeaders, cartHeaders] = [headersFor(fixture.orderJson), headersFor(fixture.cartJson)]
  const app = express()
  app.disable('etag')
  app.disable('x-powered-by')
  app.get('/orders/:orderId', (_req, res) => {
    res.writeHead(200, orderHeaders)
    res.end(fixture.orderJson)
  })
  app.post('/carts/:userId/items', (req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, cartHeaders)
      res.end(fixture.cartJson)
    })
  })
  return app
}

/** Hono routes on @hono/node-server returning the same bytes, the body read before answering. */
function bareHonoApp(fixture: Fixture) {
  const app = new Hono()
  app.get('/orders/:orderId', () => new Response(fixture.orderJson, { headers: JSON_HEADERS }))
  app.post('/carts/:userId/items', async (c) => {
    await c.req.arrayBuffer()
    return new Response(fixture.cartJson, { headers: JSON_HEADERS })
  })
  return app
}
