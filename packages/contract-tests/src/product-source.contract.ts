import type { ProductData, ProductSource } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { aProductData } from './builders/product-builders.js'
import { uniqueId } from './builders/unique-id.js'
import { adapterUnderTest, type ContractEnv, type ContractOptions } from './contract-options.js'

export interface ProductSourceContractOptions extends Omit<ContractOptions<ProductSource>, 'create'> {
  /** Creates a source that knows exactly `catalog` (a fresh catalog with unique ids per test). */
  create: (env: ContractEnv & { catalog: ProductData[] }) => Promise<ProductSource> | ProductSource
}

const byId = (a: ProductData, b: ProductData) => (a.productId < b.productId ? -1 : 1)

/** Three products: one with stock, one unavailable, one in another currency. */
function aCatalog(): ProductData[] {
  return [
    aProductData({ name: 'Tea', stock: 12 }),
    aProductData({ name: 'Cups', available: false, version: 4 }),
    aProductData({ name: 'Pot', price: { amount: 3900, currency: 'USD' } }),
  ]
}

/**
 * The ProductSource contract (see the port's JSDoc): every requested id comes back as a product or
 * as missing.
 * @example
 * describeProductSourceContract({
 *   name: 'amqp-rpc',
 *   create: async ({ catalog }) => { await responder.serve(catalog); return amqpProductSource({ connection }) },
 * })
 */
export function describeProductSourceContract(options: ProductSourceContractOptions): void {
  describe(`${options.name} ProductSource contract`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup, (env) => ({
      ...env,
      catalog: aCatalog(),
    }))
    const catalog = () => subject.env.catalog

    it('returns known products with their data intact', async () => {
      const result = await subject.adapter.fetch(catalog().map((p) => p.productId))
      expect(result.products.toSorted(byId)).toEqual(catalog().toSorted(byId))
      expect(result.missing).toEqual([])
    })

    it('reports unknown ids as missing', async () => {
      const unknown = [uniqueId('unknown'), uniqueId('unknown')]
      const result = await subject.adapter.fetch(unknown)
      expect(result.products).toEqual([])
      expect(result.missing.toSorted()).toEqual(unknown.toSorted())
    })

    it('accounts for every requested id, as a product or as missing', async () => {
      const [tea, , pot] = catalog() as [ProductData, ProductData, ProductData]
      const unknown = uniqueId('unknown')
      const result = await subject.adapter.fetch([tea.productId, unknown, pot.productId])
      expect(result.products.toSorted(byId)).toEqual([tea, pot].toSorted(byId))
      expect(result.missing).toEqual([unknown])
    })

    it('answers an empty request with nothing', async () => {
      expect(await subject.adapter.fetch([])).toEqual({ products: [], missing: [] })
    })
  })
}
