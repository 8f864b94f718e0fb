import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import type { HttpContractOptions } from '../contract-options.js'
import { ADMIN, expectJson, expectProblem, type OrderBody, serverUnderTest, USER_A } from '../harness.js'

const eur = (amount: number) => ({ amount, currency: 'EUR' })
const address = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
}

/** POST /carts/{userId}/checkout. */
export function checkoutContract(options: HttpContractOptions): void {
  describe('checkout', () => {
    const server = serverUnderTest(options)
    const checkout = (json?: unknown) =>
      server.send({
        method: 'POST',
        path: `/carts/${USER_A}/checkout`,
        as: USER_A,
        ...(json ? { json } : {}),
      })
    const putProduct = (productId: string, body: Record<string, unknown>) =>
      server.send({ method: 'PUT', path: `/products/${productId}`, as: ADMIN, json: body })
    const cartLines = async () =>
      (
        (await server.send({ method: 'GET', path: `/carts/${USER_A}`, as: USER_A })).body as {
          lines: unknown[]
        }
      ).lines

    it('answers 201 with the order, its Location and ETag, and empties the cart', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      await server.addItem(USER_A, PRODUCTS.mug, 1)
      const reply = await checkout({ shippingAddress: address })
      const order = expectJson<OrderBody>(reply, 201)
      expect(order).toMatchObject({
        userId: USER_A,
        status: 'Pending',
        lines: [
          {
            productId: PRODUCTS.tea,
            name: 'Green tea',
            quantity: 2,
            unitPrice: eur(450),
            lineTotal: eur(900),
          },
          { productId: PRODUCTS.mug, name: 'Mug', quantity: 1, unitPrice: eur(1250), lineTotal: eur(1250) },
        ],
        total: eur(2150),
        shippingAddress: address,
        statusHistory: [expect.objectContaining({ status: 'Pending' })],
      })
      expect(reply.headers.location).toBe(`/orders/${order.id}`)
      expect(reply.headers.etag).toBe(`"${order.version}"`)
      expect(await cartLines()).toEqual([])
      const read = await server.send({ method: 'GET', path: `/orders/${order.id}`, as: USER_A })
      expect(expectJson(read, 200)).toEqual(order)
    })

    it('answers 422 CART_EMPTY for an empty cart', async () => {
      expectProblem(await checkout(), 422, 'CART_EMPTY')
    })

    it('answers 409 PRICE_CHANGED naming the changes, and 201 at current prices when accepted', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      expectJson(
        await putProduct(PRODUCTS.tea, { name: 'Green tea', price: eur(480), available: true, version: 2 }),
        200,
      )
      const problem = expectProblem(await checkout(), 409, 'PRICE_CHANGED')
      expect(problem.changes).toEqual([
        { productId: PRODUCTS.tea, unitPrice: eur(450), currentPrice: eur(480) },
      ])
      expect(await cartLines()).toHaveLength(1)
      const order = expectJson<OrderBody>(await checkout({ acceptPriceChanges: true }), 201)
      expect(order.total).toEqual(eur(960))
    })

    it('answers 422 PRODUCT_UNAVAILABLE and PRODUCT_NOT_FOUND, winning over a price change', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 1)
      await server.addItem(USER_A, PRODUCTS.mug, 1)
      expectJson(
        await putProduct(PRODUCTS.tea, { name: 'Green tea', price: eur(999), available: false, version: 2 }),
        200,
      )
      expectProblem(await checkout({ acceptPriceChanges: true }), 422, 'PRODUCT_UNAVAILABLE')
      const removed = await server.send({
        method: 'DELETE',
        path: `/products/${PRODUCTS.mug}?version=2`,
        as: ADMIN,
      })
      expect(removed.status).toBe(204)
      expectProblem(await checkout(), 422, 'PRODUCT_NOT_FOUND')
      expect(await cartLines()).toHaveLength(2)
    })

    it('lets an admin check out any cart', async () => {
      await server.addItem(USER_A, PRODUCTS.kettle, 1)
      const reply = await server.send({ method: 'POST', path: `/carts/${USER_A}/checkout`, as: ADMIN })
      expect(expectJson<OrderBody>(reply, 201).userId).toBe(USER_A)
    })
  })
}
