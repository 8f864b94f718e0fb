import type { InMemoryAdapters } from '@orders/core/testing'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { PRODUCTS } from './catalog.js'
import {
  type HttpCall,
  type HttpClient,
  type HttpReply,
  httpClient,
  sendRawMessage,
  sendRawRequest,
} from './client.js'
import type { HttpContractOptions, StartedServer } from './contract-options.js'

export const USER_A = 'user-a'
export const USER_B = 'user-b'
export const ADMIN = { sub: 'admin-1', role: 'admin' } as const
export const SERVICE = { sub: 'service-1', role: 'service' } as const

/** What the API answers for an order, as far as the tests read it. */
export interface OrderBody {
  id: string
  userId: string
  status: string
  version: number
  [field: string]: unknown
}

/** The server of the running test, with a client and a few steps most tests start with. */
export interface ServerUnderTest {
  readonly adapters: InMemoryAdapters | undefined
  /** Where the server listens (`http://127.0.0.1:<port>`), for tests that open their own sockets. */
  readonly baseUrl: string
  send(call: HttpCall): Promise<HttpReply>
  /** A request line sent byte for byte over a socket (see `sendRawRequest`). */
  sendRaw(requestLine: string, headers?: Record<string, string>): Promise<HttpReply>
  /** A whole message sent byte for byte, `Host` and body included (see `sendRawMessage`). */
  sendRawMessage(message: string): Promise<HttpReply>
  /** POST /carts/{user}/items as that user; fails the test unless 200. */
  addItem(user: string, productId?: string, quantity?: number): Promise<HttpReply>
  /** POST /orders as that user; fails the test unless 201. */
  placeOrder(user: string, lines?: { productId: string; quantity: number }[]): Promise<OrderBody>
}

/**
 * Starts a fresh server before each test (or once for the block with `shared: true`) and closes it
 * after. Outside a test the accessors throw.
 */
export function serverUnderTest(options: HttpContractOptions, shared = false): ServerUnderTest {
  let current: { server: StartedServer; client: HttpClient } | undefined
  const start = async () => {
    const server = await options.start()
    current = { server, client: httpClient(server.baseUrl) }
  }
  const stop = async () => {
    const running = current
    current = undefined
    await running?.server.close()
  }
  if (shared) {
    beforeAll(start)
    afterAll(stop)
  } else {
    beforeEach(start)
    afterEach(stop)
  }
  const running = () => {
    if (!current) throw new Error('[orders] [http-contract-tests] the server runs only inside a test')
    return current
  }
  const send = (call: HttpCall) => running().client.send(call)
  return {
    get adapters() {
      return running().server.adapters
    },
    get baseUrl() {
      return running().server.baseUrl
    },
    send,
    sendRaw: (requestLine, headers) => sendRawRequest(running().server.baseUrl, requestLine, headers),
    sendRawMessage: (message) => sendRawMessage(running().server.baseUrl, message),
    async addItem(user, productId = PRODUCTS.tea, quantity = 1) {
      const reply = await send({
        method: 'POST',
        path: `/carts/${user}/items`,
        as: user,
        json: { productId, quantity },
      })
      expect(reply.status, reply.text).toBe(200)
      return reply
    },
    async placeOrder(user, lines = [{ productId: PRODUCTS.tea, quantity: 2 }]) {
      const reply = await send({ method: 'POST', path: '/orders', as: user, json: { userId: user, lines } })
      expect(reply.status, reply.text).toBe(201)
      return reply.body as OrderBody
    },
  }
}

const PROBLEM_FIELDS = ['type', 'title', 'status', 'detail', 'code']

/** An RFC 9457 problem with this status and code, and no stack trace. */
export function expectProblem(reply: HttpReply, status: number, code: string): Record<string, unknown> {
  expect([reply.status, (reply.body as { code?: unknown } | undefined)?.code], reply.text).toEqual([
    status,
    code,
  ])
  expect(reply.headers['content-type']).toBe('application/problem+json')
  const body = reply.body as Record<string, unknown>
  for (const field of PROBLEM_FIELDS) expect(body, `problem field ${field}`).toHaveProperty(field)
  expect(typeof body.type).toBe('string')
  expect(typeof body.title).toBe('string')
  expect(typeof body.detail).toBe('string')
  expect(body.status).toBe(status)
  expect(reply.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/)
  expectContentLength(reply)
  return body
}

/** Sent with its length, not chunked, by both adapters. */
function expectContentLength(reply: HttpReply): void {
  expect(reply.headers['transfer-encoding'], 'Transfer-Encoding').toBeUndefined()
  expect(reply.headers['content-length'], 'Content-Length').toBe(String(Buffer.byteLength(reply.text)))
}

/** A 2xx JSON answer with this status; returns the body. */
export function expectJson<T = Record<string, unknown>>(reply: HttpReply, status: number): T {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.headers['content-type']).toMatch(/^application\/json/)
  expectContentLength(reply)
  return reply.body as T
}
