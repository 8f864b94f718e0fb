import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import type { HttpCall } from '../client.js'
import type { HttpContractOptions } from '../contract-options.js'
import { ADMIN, expectJson, expectProblem, type OrderBody, serverUnderTest, USER_A } from '../harness.js'
import { expectNothingChanged } from '../state.js'

/** Strong ETags from `version`, and If-Match on every write of a cart or order (412 when stale). */
export function conditionalRequestContract(options: HttpContractOptions): void {
  describe('ETag and If-Match', () => {
    const server = serverUnderTest(options)

    it('makes cart writes conditional: the current ETag or * succeeds, a stale one is 412', async () => {
      const first = await server.addItem(USER_A, PRODUCTS.tea, 1)
      const stale = first.headers.etag!
      const path = `/carts/${USER_A}/items`
      const second = await server.send({
        method: 'POST',
        path,
        as: USER_A,
        headers: { 'if-match': stale },
        json: { productId: PRODUCTS.mug, quantity: 1 },
      })
      expect(expectJson<{ version: number }>(second, 200).version).toBe(Number(stale.slice(1, -1)) + 1)
      const writes: HttpCall[] = [
        { method: 'POST', path, json: { productId: PRODUCTS.kettle, quantity: 1 } },
        { method: 'PATCH', path: `${path}/${PRODUCTS.tea}`, json: { quantity: 3 } },
        { method: 'DELETE', path: `${path}/${PRODUCTS.tea}` },
        { method: 'DELETE', path: `/carts/${USER_A}` },
      ]
      await expectNothingChanged(server, async () => {
        for (const write of writes) {
          const reply = await server.send({ ...write, as: USER_A, headers: { 'if-match': stale } })
          expectProblem(reply, 412, 'VERSION_CONFLICT')
        }
      })
      const any = await server.send({ ...writes[1]!, as: USER_A, headers: { 'if-match': '*' } })
      expectJson(any, 200)
      const current = await server.send({
        ...writes[3]!,
        as: USER_A,
        headers: { 'if-match': any.headers.etag! },
      })
      expect(expectJson<{ lines: unknown[] }>(current, 200).lines).toEqual([])
    })

    it('makes order writes conditional: PATCH, status, cancel and DELETE answer 412 when stale', async () => {
      const order = await server.placeOrder(USER_A)
      const path = `/orders/${order.id}`
      const patched = await server.send({
        method: 'PATCH',
        path,
        as: USER_A,
        headers: { 'if-match': `"${order.version}"` },
        json: { note: 'a' },
      })
      const current = expectJson<OrderBody>(patched, 200)
      expect(patched.headers.etag).toBe(`"${current.version}"`)
      const stale = { 'if-match': `"${order.version}"` }
      await expectNothingChanged(server, async () => {
        expectProblem(
          await server.send({ method: 'PATCH', path, as: USER_A, headers: stale, json: { note: 'b' } }),
          412,
          'VERSION_CONFLICT',
        )
        expectProblem(
          await server.send({
            method: 'POST',
            path: `${path}/status`,
            as: ADMIN,
            headers: stale,
            json: { status: 'Processing' },
          }),
          412,
          'VERSION_CONFLICT',
        )
        expectProblem(
          await server.send({ method: 'POST', path: `${path}/cancel`, as: USER_A, headers: stale }),
          412,
          'VERSION_CONFLICT',
        )
        expectProblem(
          await server.send({ method: 'DELETE', path, as: USER_A, headers: stale }),
          412,
          'VERSION_CONFLICT',
        )
      })
      const deleted = await server.send({
        method: 'DELETE',
        path,
        as: USER_A,
        headers: { 'if-match': patched.headers.etag! },
      })
      expect(deleted.status).toBe(204)
    })

    it('sends the ETag of the version in the body on every cart and order answer', async () => {
      const order = await server.placeOrder(USER_A)
      const read = await server.send({ method: 'GET', path: `/orders/${order.id}`, as: USER_A })
      expect(read.headers.etag).toBe(`"${order.version}"`)
      const cancel = await server.send({ method: 'POST', path: `/orders/${order.id}/cancel`, as: USER_A })
      expect(cancel.headers.etag).toBe(`"${expectJson<OrderBody>(cancel, 200).version}"`)
      const cart = await server.send({ method: 'GET', path: `/carts/${USER_A}`, as: USER_A })
      expect(cart.headers.etag).toBe(`"${expectJson<{ version: number }>(cart, 200).version}"`)
    })
  })
}
