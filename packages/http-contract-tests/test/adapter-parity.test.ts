import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  authorizationOf,
  BAD_REQUESTS,
  type HttpClient,
  type HttpReply,
  httpClient,
  PRODUCTS,
  type StartedServer,
  sendRawMessage,
  sendRawRequest,
  toCall,
  USER_A,
} from '../src/index.js'
import { HAPPY_PATH, type Memory } from './support/happy-path.js'
import { EDGE_REQUESTS } from './support/http-edges.js'
import { startExpress, startHono } from './support/servers.js'
import { shapeOf } from './support/shape.js'

/** Headers whose presence (and for these, value) must agree; ids and times aside. */
const COMPARED_HEADERS = [
  'content-type',
  'cache-control',
  'idempotent-replayed',
  'www-authenticate',
  'retry-after',
]

interface Side {
  server: StartedServer
  client: HttpClient
  memory: Memory
  orderId: string
}

const sides: Side[] = []

beforeAll(async () => {
  for (const start of [startExpress, startHono]) {
    const server = await start()
    const client = httpClient(server.baseUrl)
    const seed = (json: unknown, path: string) => client.send({ method: 'POST', path, as: USER_A, json })
    await seed({ productId: PRODUCTS.tea, quantity: 2 }, `/carts/${USER_A}/items`)
    const order = await seed({ userId: USER_A, lines: [{ productId: PRODUCTS.tea, quantity: 1 }] }, '/orders')
    sides.push({ server, client, memory: {}, orderId: (order.body as { id: string }).id })
  }
})

afterAll(async () => {
  for (const side of sides) await side.server.close()
})

/** What must be equal between the two adapters' answers. */
function comparable(reply: HttpReply, orderId: string) {
  const headers = Object.fromEntries(COMPARED_HEADERS.map((name) => [name, reply.headers[name]]))
  const hasEtag = reply.headers.etag !== undefined
  const hasLocation = reply.headers.location !== undefined
  const isProblem = reply.headers['content-type'] === 'application/problem+json' && reply.text.length > 0
  // Problems carry no ids but the fixture's order id: compare them whole (a HEAD's has no body).
  const body = isProblem ? JSON.parse(reply.text.replaceAll(orderId, '{order}')) : shapeOf(reply.body)
  return {
    status: reply.status,
    code: (reply.body as { code?: string } | undefined)?.code,
    headers,
    hasEtag,
    hasLocation,
    body,
  }
}

describe('Express and Hono answer alike', () => {
  describe('every bad request of the corpus', () => {
    for (const bad of BAD_REQUESTS) {
      it(`${bad.class}: ${bad.name}`, async () => {
        const [express, hono] = await Promise.all(
          sides.map(async (side) =>
            comparable(await side.client.send(toCall(bad, side.orderId)), side.orderId),
          ),
        )
        expect(hono).toEqual(express)
        expect([express!.status, express!.code]).toEqual([bad.expect.status, bad.expect.code])
      })
    }
  })

  describe('raw request lines that @hono/node-server refuses before Hono runs', () => {
    // Hono never sees these, so its answer names no method: compare all but `detail`.
    for (const line of [
      'GET /carts\\user-a HTTP/1.1',
      'GET /orders/..\\carts/user-a HTTP/1.1',
      'GET /products/p-tea\\ HTTP/1.1',
      'OPTIONS * HTTP/1.1',
      'GET * HTTP/1.1',
    ]) {
      it(line, async () => {
        const [express, hono] = await Promise.all(
          sides.map(async (side) => {
            const reply = await sendRawRequest(side.server.baseUrl, line, authorizationOf(USER_A))
            const { body, ...rest } = comparable(reply, side.orderId)
            const { detail: _detail, ...problem } = body as Record<string, unknown>
            return { ...rest, problem }
          }),
        )
        expect(hono).toEqual(express)
        expect([express!.status, express!.code]).toEqual([404, 'NOT_FOUND'])
      })
    }
  })

  describe('requests at the edges of HTTP/1.x, sent byte for byte', () => {
    // Problems whole (detail included), Content-Length and body length too: a HEAD answers as its GET, bodiless.
    for (const edge of EDGE_REQUESTS) {
      it(edge.name, async () => {
        const [express, hono] = await Promise.all(
          sides.map(async ({ server, orderId }) => {
            const sent = edge.message({ host: new URL(server.baseUrl).host, orderId })
            const reply = await sendRawMessage(server.baseUrl, sent)
            return {
              ...comparable(reply, orderId),
              contentLength: reply.headers['content-length'],
              bodyBytes: Buffer.byteLength(reply.text),
            }
          }),
        )
        expect(hono).toEqual(express)
        expect(express!.status).toBe(edge.status)
      })
    }
  })

  describe('the main happy paths, step by step', () => {
    for (const step of HAPPY_PATH) {
      it(step.name, async () => {
        const [express, hono] = await Promise.all(
          sides.map(async (side) => {
            const reply = await side.client.send(step.call(side.memory))
            step.remember?.(reply, side.memory)
            return comparable(reply, side.orderId)
          }),
        )
        expect(hono).toEqual(express)
        expect(express!.status).toBeLessThan(300)
      })
    }
  })
})
