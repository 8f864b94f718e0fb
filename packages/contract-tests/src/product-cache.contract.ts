import type { ProductCache, ProductState } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { aProduct, aTombstone } from './builders/product-builders.js'
import { shuffled } from './builders/shuffle.js'
import { uniqueId } from './builders/unique-id.js'
import { adapterUnderTest, type ContractOptions } from './contract-options.js'

export interface ProductCacheContractOptions extends ContractOptions<ProductCache> {
  /** The TTL the adapter was created with (`create` must use it). */
  ttlSeconds: number
  /** Lets `ms` pass for TTL expiry. @default env.clock.advance(ms) */
  expire?: (ms: number) => Promise<void>
}

/** How long past the TTL an entry must be gone. */
const EXPIRY_MARGIN_MS = 200

const byId = (a: ProductState, b: ProductState) => (a.productId < b.productId ? -1 : 1)
const versionOf = (productId: string, version: number) =>
  aProduct({ productId, version, price: { amount: 1000 + version, currency: 'EUR' } })

/**
 * The ProductCache contract (see the port's JSDoc): version-guarded sets, batch reads, TTL expiry.
 * @example
 * describeProductCacheContract({
 *   name: 'redis',
 *   ttlSeconds: 1,
 *   create: () => redisProductCache({ client, keyPrefix, ttlSeconds: 1 }),
 *   expire: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
 * })
 */
export function describeProductCacheContract(options: ProductCacheContractOptions): void {
  describe(`${options.name} ProductCache contract`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup)
    const ttlMs = options.ttlSeconds * 1000
    const expire = async (ms: number) => {
      if (options.expire) await options.expire(ms)
      else subject.env.clock.advance(ms)
    }

    describe('versions', () => {
      it('misses a product never cached', async () => {
        expect(await subject.adapter.get(uniqueId('product'))).toBeNull()
      })

      it('caches a state and reads it back intact', async () => {
        const product = aProduct({ stock: 3 })
        expect(await subject.adapter.set(product)).toBe(true)
        expect(await subject.adapter.get(product.productId)).toEqual(product)
      })

      it('applies a newer version', async () => {
        const id = uniqueId('product')
        await subject.adapter.set(versionOf(id, 1))
        expect(await subject.adapter.set(versionOf(id, 2))).toBe(true)
        expect(await subject.adapter.get(id)).toEqual(versionOf(id, 2))
      })

      it('ignores an older or equal version', async () => {
        const id = uniqueId('product')
        await subject.adapter.set(versionOf(id, 2))
        expect(await subject.adapter.set(versionOf(id, 1))).toBe(false)
        expect(await subject.adapter.set({ ...versionOf(id, 2), name: 'Renamed' })).toBe(false)
        expect(await subject.adapter.get(id)).toEqual(versionOf(id, 2))
      })

      it('ends at the highest version when versions arrive out of order', async () => {
        const id = uniqueId('product')
        const applied: boolean[] = []
        for (const version of [3, 1, 5, 2, 4]) applied.push(await subject.adapter.set(versionOf(id, version)))
        expect(applied).toEqual([true, false, true, false, false])
        expect(await subject.adapter.get(id)).toEqual(versionOf(id, 5))
      })

      it('keeps a cached tombstone against an older live update arriving late', async () => {
        const id = uniqueId('product')
        const deleted = aTombstone({ productId: id, version: 3 })
        await subject.adapter.set(deleted)
        expect(await subject.adapter.set(versionOf(id, 2))).toBe(false)
        expect(await subject.adapter.get(id)).toEqual(deleted)
      })

      it('lets the newest of racing sets win', async () => {
        const id = uniqueId('product')
        const versions = shuffled(Array.from({ length: 20 }, (_, i) => i + 1))
        const results = await Promise.all(versions.map((v) => subject.adapter.set(versionOf(id, v))))
        expect(await subject.adapter.get(id)).toEqual(versionOf(id, 20))
        expect(results[versions.indexOf(20)]).toBe(true)
      })
    })

    describe('batch reads', () => {
      it('gets many in one call, misses left out, tombstones included', async () => {
        const live = aProduct()
        const deleted = aTombstone()
        await subject.adapter.set(live)
        await subject.adapter.set(deleted)
        const found = await subject.adapter.getMany([live.productId, uniqueId('missing'), deleted.productId])
        expect(found.toSorted(byId)).toEqual([live, deleted].toSorted(byId))
        expect(await subject.adapter.getMany([])).toEqual([])
      })

      it('answers a batch with repeated ids once per id', async () => {
        const product = aProduct()
        await subject.adapter.set(product)
        expect(await subject.adapter.getMany([product.productId, product.productId])).toEqual([product])
      })
    })

    describe('expiry', () => {
      it('forgets an entry once its TTL has passed', async () => {
        const product = aProduct()
        await subject.adapter.set(product)
        await expire(ttlMs + EXPIRY_MARGIN_MS)
        expect(await subject.adapter.get(product.productId)).toBeNull()
        expect(await subject.adapter.getMany([product.productId])).toEqual([])
      })

      it('accepts any version again once the cached entry has expired', async () => {
        const id = uniqueId('product')
        await subject.adapter.set(versionOf(id, 5))
        await expire(ttlMs + EXPIRY_MARGIN_MS)
        expect(await subject.adapter.set(versionOf(id, 2))).toBe(true)
        expect(await subject.adapter.get(id)).toEqual(versionOf(id, 2))
      })

      it('restarts the TTL when a newer version is applied', async () => {
        const id = uniqueId('product')
        await subject.adapter.set(versionOf(id, 1))
        await expire(ttlMs * 0.6)
        await subject.adapter.set(versionOf(id, 2))
        await expire(ttlMs * 0.6)
        expect(await subject.adapter.get(id)).toEqual(versionOf(id, 2))
      })
    })
  })
}
