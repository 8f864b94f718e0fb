import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import type { HttpContractOptions } from '../contract-options.js'
import { ADMIN, expectJson, expectProblem, SERVICE, serverUnderTest, USER_A } from '../harness.js'

const eur = (amount: number) => ({ amount, currency: 'EUR' })
const mug = (version: number, amount = 1250) => ({
  name: 'Mug',
  price: eur(amount),
  available: true,
  version,
})

/** GET/PUT/DELETE /products/{productId}: the service's versioned copy of product data. */
export function productContract(options: HttpContractOptions): void {
  describe('products', () => {
    const server = serverUnderTest(options)
    const path = `/products/${PRODUCTS.mug}`
    const get = () => server.send({ method: 'GET', path, as: USER_A })

    it('answers the current copy of a product, and 404 for an unknown one', async () => {
      expect(expectJson(await get(), 200)).toEqual({ productId: PRODUCTS.mug, ...mug(1) })
      const unknown = await server.send({ method: 'GET', path: `/products/${PRODUCTS.unknown}`, as: USER_A })
      expectProblem(unknown, 404, 'NOT_FOUND')
    })

    it('applies a newer PUT (admin or service) and answers an older one with the stored copy', async () => {
      const newer = await server.send({ method: 'PUT', path, as: ADMIN, json: mug(3, 1400) })
      expect(expectJson(newer, 200)).toEqual({ productId: PRODUCTS.mug, ...mug(3, 1400) })
      const older = await server.send({
        method: 'PUT',
        path,
        as: SERVICE,
        json: { productId: PRODUCTS.mug, ...mug(2, 1) },
      })
      expect(expectJson(older, 200)).toEqual({ productId: PRODUCTS.mug, ...mug(3, 1400) })
      expect(expectJson(await get(), 200)).toEqual({ productId: PRODUCTS.mug, ...mug(3, 1400) })
    })

    it('deletes with a newer version (204, then 404) and answers an older one with the stored copy', async () => {
      expectJson(await get(), 200)
      const stale = await server.send({ method: 'DELETE', path: `${path}?version=1`, as: ADMIN })
      expect(expectJson(stale, 200)).toEqual({ productId: PRODUCTS.mug, ...mug(1) })
      const removed = await server.send({ method: 'DELETE', path: `${path}?version=5`, as: SERVICE })
      expect([removed.status, removed.text]).toEqual([204, ''])
      expectProblem(await get(), 404, 'NOT_FOUND')
      const late = await server.send({ method: 'PUT', path, as: ADMIN, json: mug(4) })
      expect(expectJson(late, 200)).toEqual({ productId: PRODUCTS.mug, version: 5, deleted: true })
      expectProblem(await get(), 404, 'NOT_FOUND')
    })

    it('answers 422 when the body names another product than the path', async () => {
      const reply = await server.send({
        method: 'PUT',
        path,
        as: ADMIN,
        json: { productId: PRODUCTS.tea, ...mug(9) },
      })
      expectProblem(reply, 422, 'VALIDATION_FAILED')
      expect(expectJson(await get(), 200)).toEqual({ productId: PRODUCTS.mug, ...mug(1) })
    })
  })
}
