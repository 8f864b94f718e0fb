import { fingerprintRequest } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import type { HttpContractOptions } from '../contract-options.js'
import {
  ADMIN,
  expectJson,
  expectProblem,
  type OrderBody,
  serverUnderTest,
  USER_A,
  USER_B,
} from '../harness.js'
import { expectNothingChanged } from '../state.js'

const lines = (quantity: number) => [{ productId: PRODUCTS.tea, quantity }]

/** Idempotency-Key on POST /orders and checkout (DESIGN §4). */
export function idempotencyContract(options: HttpContractOptions): void {
  describe('Idempotency-Key', () => {
    const server = serverUnderTest(options)
    const create = (user: string, key: string, quantity = 1) =>
      server.send({
        method: 'POST',
        path: '/orders',
        as: user,
        headers: { 'idempotency-key': key },
        json: { userId: user, lines: lines(quantity) },
      })
    const orderIds = async () =>
      expectJson<{ items: OrderBody[] }>(
        await server.send({ method: 'GET', path: '/orders', as: ADMIN }),
        200,
      ).items.map((o) => o.id)

    it('replays the first POST /orders answer with Idempotent-Replayed: true and creates one order', async () => {
      const first = await create(USER_A, 'key-1')
      const order = expectJson<OrderBody>(first, 201)
      expect(first.headers['idempotent-replayed']).toBeUndefined()
      const again = await create(USER_A, 'key-1')
      expect([again.status, again.body, again.headers['idempotent-replayed']]).toEqual([201, order, 'true'])
      expect(again.headers.location).toBe(`/orders/${order.id}`)
      expect(await orderIds()).toEqual([order.id])
    })

    it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
      expectJson(await create(USER_A, 'key-2', 1), 201)
      await expectNothingChanged(server, async () => {
        expectProblem(await create(USER_A, 'key-2', 2), 422, 'IDEMPOTENCY_KEY_REUSED')
      })
    })

    it('scopes keys by caller: the same key from another user is another request', async () => {
      const a = expectJson<OrderBody>(await create(USER_A, 'shared-key'), 201)
      const b = expectJson<OrderBody>(await create(USER_B, 'shared-key'), 201)
      expect(b.id).not.toBe(a.id)
      expect(b.userId).toBe(USER_B)
    })

    it('replays a checkout, even though the cart is empty by then', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      const checkout = () =>
        server.send({
          method: 'POST',
          path: `/carts/${USER_A}/checkout`,
          as: USER_A,
          headers: { 'idempotency-key': 'co-1' },
          json: {},
        })
      const first = await checkout()
      const order = expectJson<OrderBody>(first, 201)
      const again = await checkout()
      expect([again.status, again.body, again.headers['idempotent-replayed']]).toEqual([201, order, 'true'])
      expect(await orderIds()).toEqual([order.id])
    })

    it('releases the key of a request that failed, so a corrected retry goes through', async () => {
      const body = { userId: USER_A, lines: [{ productId: PRODUCTS.unknown, quantity: 1 }] }
      const failed = await server.send({
        method: 'POST',
        path: '/orders',
        as: USER_A,
        headers: { 'idempotency-key': 'key-3' },
        json: body,
      })
      expectProblem(failed, 422, 'PRODUCT_NOT_FOUND')
      expectJson(await create(USER_A, 'key-3'), 201)
    })

    it('answers 409 IDEMPOTENCY_KEY_IN_USE while the same request is still running elsewhere', async ({
      skip,
    }) => {
      const adapters = server.adapters
      if (!adapters) return skip('start() did not expose its in-memory adapters')
      const body = { userId: USER_A, lines: lines(1) }
      const now = Date.now()
      await adapters.idempotency.claim({
        userId: USER_A,
        key: 'key-4',
        fingerprint: await fingerprintRequest({ method: 'POST', route: '/orders', body }),
        state: 'in_progress',
        response: null,
        expiresAt: new Date(now + 86_400_000).toISOString(),
        lockedUntil: new Date(now + 60_000).toISOString(),
        claimId: 'claim-of-another-instance',
      })
      await expectNothingChanged(server, async () => {
        expectProblem(await create(USER_A, 'key-4'), 409, 'IDEMPOTENCY_KEY_IN_USE')
      })
    })
  })
}
