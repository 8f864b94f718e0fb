import { describe, expect, it } from 'vitest'
import { bulkProductId, PRODUCTS } from '../catalog.js'
import type { HttpContractOptions } from '../contract-options.js'
import { ADMIN, expectJson, expectProblem, serverUnderTest, USER_A } from '../harness.js'

interface CartBody {
  userId: string
  lines: { productId: string; quantity: number; [field: string]: unknown }[]
  total: { amount: number; currency: string } | null
  version: number
  updatedAt: string
}

const eur = (amount: number) => ({ amount, currency: 'EUR' })

/** GET/POST/PATCH/DELETE of carts and their lines. */
export function cartContract(options: HttpContractOptions): void {
  describe('carts', () => {
    const server = serverUnderTest(options)
    const cartOf = async (user = USER_A) =>
      expectJson<CartBody>(await server.send({ method: 'GET', path: `/carts/${user}`, as: user }), 200)

    it('answers an empty cart with a strong ETag and Cache-Control: no-store', async () => {
      const reply = await server.send({ method: 'GET', path: `/carts/${USER_A}`, as: USER_A })
      const cart = expectJson<CartBody>(reply, 200)
      expect(cart).toMatchObject({ userId: USER_A, lines: [], total: null })
      expect(reply.headers.etag).toBe(`"${cart.version}"`)
      expect(reply.headers['cache-control']).toBe('no-store')
      expect(typeof cart.updatedAt).toBe('string')
    })

    it('adds a line priced from the catalog and merges a repeated product into it', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      const reply = await server.addItem(USER_A, PRODUCTS.tea, 3)
      const cart = reply.body as CartBody
      expect(cart.lines).toEqual([
        {
          productId: PRODUCTS.tea,
          name: 'Green tea',
          quantity: 5,
          unitPrice: eur(450),
          currentPrice: eur(450),
          available: true,
          priceChanged: false,
          lineTotal: eur(2250),
        },
      ])
      expect(cart.total).toEqual(eur(2250))
      expect(reply.headers.etag).toBe(`"${cart.version}"`)
      expect(reply.headers['cache-control']).toBe('no-store')
    })

    it('sets a quantity with PATCH, and 0 removes the line', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      await server.addItem(USER_A, PRODUCTS.mug, 1)
      const path = `/carts/${USER_A}/items/${PRODUCTS.tea}`
      const set = expectJson<CartBody>(
        await server.send({ method: 'PATCH', path, as: USER_A, json: { quantity: 7 } }),
        200,
      )
      expect(set.lines.map((l) => [l.productId, l.quantity])).toEqual([
        [PRODUCTS.tea, 7],
        [PRODUCTS.mug, 1],
      ])
      const removed = expectJson<CartBody>(
        await server.send({ method: 'PATCH', path, as: USER_A, json: { quantity: 0 } }),
        200,
      )
      expect(removed.lines.map((l) => l.productId)).toEqual([PRODUCTS.mug])
    })

    it('removes a line with DELETE, and answers 404 for a line that is not there', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      const path = `/carts/${USER_A}/items/${PRODUCTS.tea}`
      const cart = expectJson<CartBody>(await server.send({ method: 'DELETE', path, as: USER_A }), 200)
      expect(cart.lines).toEqual([])
      expectProblem(await server.send({ method: 'DELETE', path, as: USER_A }), 404, 'NOT_FOUND')
      expectProblem(
        await server.send({ method: 'PATCH', path, as: USER_A, json: { quantity: 2 } }),
        404,
        'NOT_FOUND',
      )
    })

    it('empties the cart with DELETE /carts/{userId}: 200 with the emptied cart, a newer version', async () => {
      const before = (await server.addItem(USER_A, PRODUCTS.tea, 2)).body as CartBody
      const reply = await server.send({ method: 'DELETE', path: `/carts/${USER_A}`, as: USER_A })
      const cart = expectJson<CartBody>(reply, 200)
      expect(cart).toMatchObject({ userId: USER_A, lines: [], total: null })
      expect(cart.version).toBeGreaterThan(before.version)
      expect(reply.headers.etag).toBe(`"${cart.version}"`)
      expect(await cartOf()).toEqual(cart)
    })

    it('refuses unknown, unavailable and other-currency products with 422 and keeps the cart', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 1)
      const before = await cartOf()
      const add = (productId: string) =>
        server.send({
          method: 'POST',
          path: `/carts/${USER_A}/items`,
          as: USER_A,
          json: { productId, quantity: 1 },
        })
      expectProblem(await add(PRODUCTS.unknown), 422, 'PRODUCT_NOT_FOUND')
      expectProblem(await add(PRODUCTS.soldOut), 422, 'PRODUCT_UNAVAILABLE')
      expectProblem(await add(PRODUCTS.dollar), 422, 'CURRENCY_MISMATCH')
      expect(await cartOf()).toEqual(before)
    })

    it('answers CART_LIMIT_EXCEEDED past 999 of one product and past 100 lines', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 999)
      const add = (productId: string) =>
        server.send({
          method: 'POST',
          path: `/carts/${USER_A}/items`,
          as: USER_A,
          json: { productId, quantity: 1 },
        })
      expectProblem(await add(PRODUCTS.tea), 422, 'CART_LIMIT_EXCEEDED')
      for (let n = 1; n <= 99; n++) await server.addItem(USER_A, bulkProductId(n))
      expectProblem(await add(bulkProductId(100)), 422, 'CART_LIMIT_EXCEEDED')
      expect((await cartOf()).lines).toHaveLength(100)
    })

    it('flags a changed price and an unavailable product, totalling at current prices', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      await server.addItem(USER_A, PRODUCTS.mug, 1)
      const put = (productId: string, body: Record<string, unknown>) =>
        server.send({ method: 'PUT', path: `/products/${productId}`, as: ADMIN, json: body })
      expectJson(
        await put(PRODUCTS.tea, { name: 'Green tea', price: eur(500), available: true, version: 2 }),
        200,
      )
      expectJson(
        await put(PRODUCTS.mug, { name: 'Mug', price: eur(1250), available: false, version: 2 }),
        200,
      )
      const cart = await cartOf()
      expect(cart.lines).toEqual([
        expect.objectContaining({
          productId: PRODUCTS.tea,
          unitPrice: eur(450),
          currentPrice: eur(500),
          priceChanged: true,
          available: true,
          lineTotal: eur(1000),
        }),
        expect.objectContaining({ productId: PRODUCTS.mug, available: false, lineTotal: eur(0) }),
      ])
      expect(cart.total).toEqual(eur(1000))
    })

    it('keeps every one of 50 concurrent adds of different products', async () => {
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          server.send({
            method: 'POST',
            path: `/carts/${USER_A}/items`,
            as: USER_A,
            json: { productId: bulkProductId(i + 1), quantity: 1 },
          }),
        ),
      )
      expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200))
      expect((await cartOf()).lines).toHaveLength(50)
    })
  })
}
