import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import { connect } from 'node:net'
import { getRequestListener, RequestError } from '@hono/node-server'
import { createOrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHonoApp, nodeServerErrorHandler } from '../src/index.js'
import { TEST_SECRET } from './support/tokens.js'

let server: Server
let port = 0

beforeAll(async () => {
  const app = createHonoApp({
    service: createOrderService(inMemoryAdapters()),
    auth: { jwtSecret: TEST_SECRET },
  })
  server = createServer(getRequestListener(app.fetch, { errorHandler: nodeServerErrorHandler }))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  port = (server.address() as { port: number }).port
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** Sends a request line byte for byte (node's client refuses these) and reads the raw answer. */
function sendRaw(requestLine: string): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    )
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const split = text.indexOf('\r\n\r\n')
      resolve({ head: text.slice(0, split), body: text.slice(split + 4) })
    })
  })
}

describe('nodeServerErrorHandler', () => {
  it('answers what node-server refuses before Hono runs with 404 problem+json (regression: a bodyless 400)', async () => {
    for (const line of ['GET /carts\\u-1 HTTP/1.1', 'OPTIONS * HTTP/1.1']) {
      const { head, body } = await sendRaw(line)
      expect([line, head.split('\r\n')[0]]).toEqual([line, 'HTTP/1.1 404 Not Found'])
      expect(head).toMatch(/^content-type: application\/problem\+json$/im)
      expect(head).toMatch(/^content-length: \d+$/im)
      expect(JSON.parse(body)).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    }
  })

  it('answers anything else that escaped the app with 500 problem+json and no details', async () => {
    const refused = nodeServerErrorHandler(new RequestError('Invalid URL'))
    expect(refused.status).toBe(404)
    for (const message of ['Invalid host header', 'Missing host header']) {
      const badHost = nodeServerErrorHandler(new RequestError(message))
      expect([message, badHost.status, ((await badHost.json()) as { code: string }).code]).toEqual([
        message,
        400,
        'MALFORMED_REQUEST',
      ])
    }
    const escaped = nodeServerErrorHandler(new TypeError('a bug'))
    expect([escaped.status, escaped.headers.get('content-type')]).toEqual([500, 'application/problem+json'])
    expect(await escaped.json()).toMatchObject({
      code: 'INTERNAL_ERROR',
      detail: 'an unexpected error occurred',
    })
    expect(escaped.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})
