import { expect } from 'vitest'
import { PRODUCTS } from './catalog.js'
import type { HttpReply } from './client.js'
import { ADMIN, type ServerUnderTest, USER_A, USER_B } from './harness.js'

/** Everything a request could have changed, read back through the API (carts, orders, products). */
export async function stateOf(server: ServerUnderTest): Promise<Record<string, unknown>> {
  const read = async (path: string, as: Parameters<ServerUnderTest['send']>[0]['as']) => {
    const reply: HttpReply = await server.send({ method: 'GET', path, as })
    return { status: reply.status, etag: reply.headers.etag, body: withoutVirtualTime(reply.body) }
  }
  const state: Record<string, unknown> = {
    cartA: await read(`/carts/${USER_A}`, USER_A),
    cartB: await read(`/carts/${USER_B}`, USER_B),
    orders: await read('/orders?limit=100', ADMIN),
  }
  for (const productId of [PRODUCTS.tea, PRODUCTS.mug]) {
    state[productId] = await read(`/products/${productId}`, USER_A)
  }
  return state
}

/** A cart never written (version 0) is shown with `updatedAt` = now: that time is not state. */
function withoutVirtualTime(body: unknown): unknown {
  const cart = body as { version?: unknown; updatedAt?: unknown } | undefined
  if (cart?.version !== 0 || cart.updatedAt === undefined) return body
  const { updatedAt: _now, ...rest } = cart
  return rest
}

/** Runs `action` and asserts that the state read back afterwards is exactly the state before. */
export async function expectNothingChanged<T>(server: ServerUnderTest, action: () => Promise<T>): Promise<T> {
  const before = await stateOf(server)
  const result = await action()
  expect(await stateOf(server), 'state read back after the request').toEqual(before)
  return result
}
