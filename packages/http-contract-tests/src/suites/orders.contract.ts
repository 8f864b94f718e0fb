import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import type { HttpContractOptions } from '../contract-options.js'
import { ADMIN, expectJson, expectProblem, type OrderBody, serverUnderTest, USER_A } from '../harness.js'

const eur = (amount: number) => ({ amount, currency: 'EUR' })
const tea = (quantity: number) => ({ productId: PRODUCTS.tea, quantity })
type Page = { items: OrderBody[]; nextCursor: string | null }

/** POST/GET/PATCH/DELETE of orders. */
export function orderContract(options: HttpContractOptions): void {
  describe('orders', () => {
    const server = serverUnderTest(options)
    const post = (json: unknown, as: Parameters<typeof server.send>[0]['as'] = USER_A) =>
      server.send({ method: 'POST', path: '/orders', as, json })
    const list = async (query: string, as: Parameters<typeof server.send>[0]['as'] = USER_A) =>
      expectJson<Page>(await server.send({ method: 'GET', path: `/orders${query}`, as }), 200)

    it('creates an order priced from the catalog: 201, Location, ETag, repeated products merged', async () => {
      const reply = await post({
        userId: USER_A,
        lines: [tea(1), { productId: PRODUCTS.mug, quantity: 1 }, tea(2)],
        note: 'ring twice',
      })
      const order = expectJson<OrderBody>(reply, 201)
      expect(order).toMatchObject({
        userId: USER_A,
        status: 'Pending',
        note: 'ring twice',
        lines: [
          { productId: PRODUCTS.tea, quantity: 3, unitPrice: eur(450), lineTotal: eur(1350) },
          { productId: PRODUCTS.mug, quantity: 1, unitPrice: eur(1250), lineTotal: eur(1250) },
        ],
        total: eur(2600),
      })
      expect(reply.headers.location).toBe(`/orders/${order.id}`)
      expect(reply.headers.etag).toBe(`"${order.version}"`)
      const read = await server.send({ method: 'GET', path: `/orders/${order.id}`, as: USER_A })
      expect(expectJson(read, 200)).toEqual(order)
      expect(read.headers.etag).toBe(`"${order.version}"`)
    })

    it('refuses unknown, unavailable and mixed-currency lines with 422 and creates nothing', async () => {
      expectProblem(
        await post({ userId: USER_A, lines: [{ productId: PRODUCTS.unknown, quantity: 1 }] }),
        422,
        'PRODUCT_NOT_FOUND',
      )
      expectProblem(
        await post({ userId: USER_A, lines: [{ productId: PRODUCTS.soldOut, quantity: 1 }] }),
        422,
        'PRODUCT_UNAVAILABLE',
      )
      expectProblem(
        await post({ userId: USER_A, lines: [tea(1), { productId: PRODUCTS.dollar, quantity: 1 }] }),
        422,
        'CURRENCY_MISMATCH',
      )
      expect((await list('')).items).toEqual([])
    })

    it('answers 404 for an order that does not exist', async () => {
      expectProblem(
        await server.send({ method: 'GET', path: '/orders/no-such-order', as: USER_A }),
        404,
        'NOT_FOUND',
      )
    })

    it('lists newest first with cursor pagination, a status filter and a default page of 20', async () => {
      const ids: string[] = []
      for (let i = 0; i < 22; i++) ids.push((await server.placeOrder(USER_A, [tea(1)])).id)
      const newestFirst = [...ids].reverse()
      const first = await list('?limit=15')
      expect(first.items.map((o) => o.id)).toEqual(newestFirst.slice(0, 15))
      expect(first.nextCursor).toEqual(expect.any(String))
      const second = await list(`?limit=15&cursor=${encodeURIComponent(first.nextCursor!)}`)
      expect(second.items.map((o) => o.id)).toEqual(newestFirst.slice(15))
      expect(second.nextCursor).toBeNull()
      expect((await list('')).items).toHaveLength(20)
      const cancel = await server.send({ method: 'POST', path: `/orders/${ids[3]}/cancel`, as: USER_A })
      expect(cancel.status).toBe(200)
      expect((await list('?status=Cancelled')).items.map((o) => o.id)).toEqual([ids[3]])
      expect((await list(`?userId=${USER_A}&status=Pending&limit=100`)).items).toHaveLength(21)
    })

    it('answers 400 MALFORMED_REQUEST for a cursor it did not issue', async () => {
      expectProblem(
        await server.send({ method: 'GET', path: '/orders?cursor=not-a-cursor', as: USER_A }),
        400,
        'MALFORMED_REQUEST',
      )
    })

    it('updates lines, address and note while Pending and answers the full order', async () => {
      const order = await server.placeOrder(USER_A)
      const reply = await server.send({
        method: 'PATCH',
        path: `/orders/${order.id}`,
        as: USER_A,
        json: { lines: [{ productId: PRODUCTS.kettle, quantity: 1 }], note: 'leave at the door' },
      })
      const updated = expectJson<OrderBody>(reply, 200)
      expect(updated).toMatchObject({
        id: order.id,
        status: 'Pending',
        note: 'leave at the door',
        lines: [{ productId: PRODUCTS.kettle, quantity: 1, unitPrice: eur(3990) }],
        total: eur(3990),
      })
      expect(updated.version).toBeGreaterThan(order.version)
      expect(reply.headers.etag).toBe(`"${updated.version}"`)
    })

    it('answers 409 ORDER_NOT_MODIFIABLE for an update or delete once the order left Pending', async () => {
      const order = await server.placeOrder(USER_A)
      const moved = await server.send({
        method: 'POST',
        path: `/orders/${order.id}/status`,
        as: ADMIN,
        json: { status: 'Processing' },
      })
      expect(moved.status).toBe(200)
      const patch = await server.send({
        method: 'PATCH',
        path: `/orders/${order.id}`,
        as: USER_A,
        json: { note: 'x' },
      })
      expectProblem(patch, 409, 'ORDER_NOT_MODIFIABLE')
      expectProblem(
        await server.send({ method: 'DELETE', path: `/orders/${order.id}`, as: USER_A }),
        409,
        'ORDER_NOT_MODIFIABLE',
      )
    })

    it('deletes a Pending or Cancelled order with 204; it is 404 from then on', async () => {
      const pending = await server.placeOrder(USER_A)
      const cancelled = await server.placeOrder(USER_A)
      expect(
        (await server.send({ method: 'POST', path: `/orders/${cancelled.id}/cancel`, as: USER_A })).status,
      ).toBe(200)
      for (const order of [pending, cancelled]) {
        const reply = await server.send({ method: 'DELETE', path: `/orders/${order.id}`, as: USER_A })
        expect([reply.status, reply.text]).toEqual([204, ''])
        expectProblem(
          await server.send({ method: 'GET', path: `/orders/${order.id}`, as: USER_A }),
          404,
          'NOT_FOUND',
        )
        expectProblem(
          await server.send({ method: 'DELETE', path: `/orders/${order.id}`, as: USER_A }),
          404,
          'NOT_FOUND',
        )
      }
      expect((await list('', ADMIN)).items).toEqual([])
    })
  })
}
