import { dependencyUnavailable } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import type { HttpContractOptions } from '../contract-options.js'
import { ADMIN, expectJson, expectProblem, type OrderBody, serverUnderTest, USER_A } from '../harness.js'
import { expectNothingChanged } from '../state.js'

/** What a failing dependency looks like on the wire (needs the in-memory adapters of `start`). */
export function failureContract(options: HttpContractOptions): void {
  describe('failing dependencies', () => {
    const server = serverUnderTest(options)
    const adaptersOr = (skip: (note: string) => never) =>
      server.adapters ?? skip('start() did not expose its in-memory adapters')

    it('answers 503 DEPENDENCY_UNAVAILABLE with Retry-After when ProductService fails, creating nothing', async ({
      skip,
    }) => {
      const adapters = adaptersOr(skip)
      await expectNothingChanged(server, async () => {
        adapters.productSource.failures.failNext('fetch')
        const body = { userId: USER_A, lines: [{ productId: PRODUCTS.kettle, quantity: 1 }] }
        const reply = await server.send({ method: 'POST', path: '/orders', as: USER_A, json: body })
        const problem = expectProblem(reply, 503, 'DEPENDENCY_UNAVAILABLE')
        expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0)
        expect(problem.detail).not.toMatch(/injected/)
      })
    })

    it('answers 409 CHECKOUT_IN_PROGRESS after an interrupted checkout, which a retry completes', async ({
      skip,
    }) => {
      const adapters = adaptersOr(skip)
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      // As a real repository reports a lost connection (a plain Error would be a bug: 500).
      adapters.orders.failures.failNext(
        'insert',
        dependencyUnavailable('mongo', new Error('connection lost')),
      )
      const checkout = () => server.send({ method: 'POST', path: `/carts/${USER_A}/checkout`, as: USER_A })
      expectProblem(await checkout(), 503, 'DEPENDENCY_UNAVAILABLE')
      const add = { productId: PRODUCTS.mug, quantity: 1 }
      expectProblem(
        await server.send({ method: 'POST', path: `/carts/${USER_A}/items`, as: USER_A, json: add }),
        409,
        'CHECKOUT_IN_PROGRESS',
      )
      const order = expectJson<OrderBody>(await checkout(), 201)
      expect(order.lines).toEqual([expect.objectContaining({ productId: PRODUCTS.tea, quantity: 2 })])
      const all = expectJson<{ items: OrderBody[] }>(
        await server.send({ method: 'GET', path: '/orders', as: ADMIN }),
        200,
      )
      expect(all.items.map((o) => o.id)).toEqual([order.id])
      expectJson(
        await server.send({ method: 'POST', path: `/carts/${USER_A}/items`, as: USER_A, json: add }),
        200,
      )
    })
  })
}
