import type { ProductRepository, ProductState } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { aProduct, aTombstone } from './builders/product-builders.js'
import { shuffled } from './builders/shuffle.js'
import { uniqueId } from './builders/unique-id.js'
import { adapterUnderTest, type ContractOptions } from './contract-options.js'

const byId = (a: ProductState, b: ProductState) => (a.productId < b.productId ? -1 : 1)

/** Version `version` of one product, priced so that each version is distinguishable. */
const versionOf = (productId: string, version: number) =>
  aProduct({ productId, version, price: { amount: 1000 + version, currency: 'EUR' } })

/**
 * The ProductRepository contract (see the port's JSDoc): versioned upserts that only move forward.
 * @example
 * describeProductRepositoryContract({ name: 'mongo', create: () => mongoProductRepository({ connection }) })
 */
export function describeProductRepositoryContract(options: ContractOptions<ProductRepository>): void {
  describe(`${options.name} ProductRepository contract`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup)

    it('returns null for a product never seen', async () => {
      expect(await subject.adapter.get(uniqueId('product'))).toBeNull()
    })

    it('stores the first state of a product', async () => {
      const product = aProduct({ stock: 7 })
      expect(await subject.adapter.upsert(product)).toEqual({ applied: true, current: product })
      expect(await subject.adapter.get(product.productId)).toEqual(product)
    })

    it('applies a newer version', async () => {
      const id = uniqueId('product')
      await subject.adapter.upsert(versionOf(id, 1))
      expect(await subject.adapter.upsert(versionOf(id, 2))).toEqual({
        applied: true,
        current: versionOf(id, 2),
      })
      expect(await subject.adapter.get(id)).toEqual(versionOf(id, 2))
    })

    it('ignores an older version and returns the current state', async () => {
      const id = uniqueId('product')
      await subject.adapter.upsert(versionOf(id, 3))
      expect(await subject.adapter.upsert(versionOf(id, 2))).toEqual({
        applied: false,
        current: versionOf(id, 3),
      })
      expect(await subject.adapter.get(id)).toEqual(versionOf(id, 3))
    })

    it('ignores an equal version even with other data', async () => {
      const product = aProduct({ version: 2 })
      await subject.adapter.upsert(product)
      const sameVersion = { ...product, name: 'Renamed', available: false }
      expect(await subject.adapter.upsert(sameVersion)).toEqual({ applied: false, current: product })
      expect(await subject.adapter.get(product.productId)).toEqual(product)
    })

    it('repeats an upsert harmlessly', async () => {
      const product = aProduct()
      await subject.adapter.upsert(product)
      expect(await subject.adapter.upsert(product)).toEqual({ applied: false, current: product })
      expect(await subject.adapter.get(product.productId)).toEqual(product)
    })

    it('ends at the highest version when versions arrive out of order', async () => {
      const id = uniqueId('product')
      const applied: boolean[] = []
      for (const version of [3, 1, 5, 2, 4])
        applied.push((await subject.adapter.upsert(versionOf(id, version))).applied)
      expect(applied).toEqual([true, false, true, false, false])
      expect(await subject.adapter.get(id)).toEqual(versionOf(id, 5))
    })

    it('stores a tombstone over an older live state', async () => {
      const id = uniqueId('product')
      await subject.adapter.upsert(versionOf(id, 1))
      const deleted = aTombstone({ productId: id, version: 2 })
      expect(await subject.adapter.upsert(deleted)).toEqual({ applied: true, current: deleted })
      expect(await subject.adapter.get(id)).toEqual(deleted)
    })

    it('keeps a tombstone against an older live update arriving late', async () => {
      const id = uniqueId('product')
      const deleted = aTombstone({ productId: id, version: 3 })
      await subject.adapter.upsert(deleted)
      expect(await subject.adapter.upsert(versionOf(id, 2))).toEqual({ applied: false, current: deleted })
      expect(await subject.adapter.get(id)).toEqual(deleted)
    })

    it('applies a newer live state after a tombstone', async () => {
      const id = uniqueId('product')
      await subject.adapter.upsert(aTombstone({ productId: id, version: 3 }))
      expect((await subject.adapter.upsert(versionOf(id, 4))).applied).toBe(true)
      expect(await subject.adapter.get(id)).toEqual(versionOf(id, 4))
    })

    it('gets many: the known states only, tombstones included', async () => {
      const live = aProduct()
      const deleted = aTombstone()
      await subject.adapter.upsert(live)
      await subject.adapter.upsert(deleted)
      const found = await subject.adapter.getMany([live.productId, uniqueId('unknown'), deleted.productId])
      expect(found.toSorted(byId)).toEqual([live, deleted].toSorted(byId))
      expect(await subject.adapter.getMany([])).toEqual([])
    })

    it('ends at version 20 when versions 1..20 race in random order', async () => {
      const id = uniqueId('product')
      const versions = shuffled(Array.from({ length: 20 }, (_, i) => i + 1))

      const results = await Promise.all(versions.map((v) => subject.adapter.upsert(versionOf(id, v))))

      expect(await subject.adapter.get(id)).toEqual(versionOf(id, 20))
      results.forEach((result, i) => {
        const given = versions[i]!
        if (result.applied) expect(result.current).toEqual(versionOf(id, given))
        else expect(result.current.version).toBeGreaterThanOrEqual(given)
      })
      expect(results[versions.indexOf(20)]).toEqual({ applied: true, current: versionOf(id, 20) })
    })
  })
}
