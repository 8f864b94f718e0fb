import { describe, expect, it } from 'vitest'
import { createOrderService, type ProductData, productFromData, tombstone } from '../src/index.js'
import { inMemoryAdapters } from '../src/testing/index.js'
import { aProduct, aService, countingTelemetry, failure } from './support/harness.js'

/** A service on in-memory adapters whose telemetry counters are summed in `counts`. */
function aCountingService(catalog: ProductData[]) {
  const { counts, telemetry } = countingTelemetry()
  const adapters = inMemoryAdapters({ catalog })
  const service = createOrderService({ ...adapters, telemetry })
  return { counts, adapters, service }
}

describe('product lookup: cache -> replica -> ProductService', () => {
  it('asks ProductService once for concurrent misses, then stores in the replica and the cache', async () => {
    const { service, adapters } = aService({ catalog: [aProduct({ productId: 'p-1' })] })
    const results = await Promise.all(Array.from({ length: 10 }, () => service.products.get('p-1')))
    expect(results.every((p) => p.productId === 'p-1')).toBe(true)
    expect(adapters.productSource.calls).toEqual([['p-1']])
    expect(await adapters.products.get('p-1')).toMatchObject({ version: 1, deleted: false })
    expect(await adapters.productCache.get('p-1')).toMatchObject({ version: 1 })
  })

  it('stops at a tombstone without asking ProductService', async () => {
    const { service, adapters } = aService({ catalog: [aProduct({ productId: 'p-1' })] })
    await service.products.apply(tombstone('p-1', 3))
    expect((await failure(service.products.get('p-1'))).code).toBe('NOT_FOUND')
    expect(adapters.productSource.calls).toEqual([])
  })

  it('treats cache errors as misses and keeps answering from the replica', async () => {
    const { service, adapters } = aService({ catalog: [] })
    await adapters.products.upsert(productFromData(aProduct({ productId: 'p-1', version: 4 })))
    adapters.productCache.failures.failNext('getMany')
    expect((await service.products.get('p-1')).version).toBe(4)
  })

  it('counts a failed cache read of one product as an error, not also as a miss', async () => {
    const { counts, adapters, service } = aCountingService([aProduct({ productId: 'p-1' })])
    const actor = { userId: 'u-1', role: 'customer' as const }
    await service.carts.addItem({ actor, userId: 'u-1', productId: 'p-1', quantity: 1 })
    adapters.productCache.failures.failNext('get')
    await service.carts.addItem({ actor, userId: 'u-1', productId: 'p-1', quantity: 1 })
    await service.carts.addItem({ actor, userId: 'u-1', productId: 'p-1', quantity: 1 })
    expect(counts).toMatchObject({ product_cache_error: 1, product_cache_miss: 1, product_cache_hit: 1 })
  })

  it('fails a product change whose cache write failed, so it is retried; the retry refreshes the cache', async () => {
    const { service, adapters } = aService({ catalog: [aProduct({ productId: 'p-1', version: 1 })] })
    expect((await service.products.get('p-1')).version).toBe(1) // cached: v1
    adapters.productCache.failures.failNext('set')
    expect((await failure(service.products.apply(tombstone('p-1', 2)))).code).toBe('DEPENDENCY_UNAVAILABLE')
    expect(await adapters.products.get('p-1')).toMatchObject({ version: 2, deleted: true })

    // The redelivered event changes nothing in the replica and still replaces the cached v1.
    expect(await service.products.apply(tombstone('p-1', 2))).toMatchObject({ applied: false })
    expect((await failure(service.products.get('p-1'))).code).toBe('NOT_FOUND')
    expect(await adapters.productCache.get('p-1')).toMatchObject({ version: 2, deleted: true })
  })

  it('counts a change applied to the replica as applied even when its cache write failed', async () => {
    const { counts, adapters, service } = aCountingService([])
    adapters.productCache.failures.failNext('set')
    await expect(service.products.apply(tombstone('p-1', 2))).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
    })
    await service.products.apply(tombstone('p-1', 2))
    expect(counts).toMatchObject({
      product_update_applied: 1,
      product_update_ignored: 1,
      product_cache_error: 1,
    })
  })

  it('keeps a lookup answering when only its cache write-back fails', async () => {
    const { service, adapters } = aService({ catalog: [aProduct({ productId: 'p-1', version: 3 })] })
    adapters.productCache.failures.failNext('set')
    expect((await service.products.get('p-1')).version).toBe(3)
  })

  it('answers DEPENDENCY_UNAVAILABLE when the replica fails, or ProductService does', async () => {
    const { service, adapters } = aService({ catalog: [aProduct({ productId: 'p-1' })] })
    adapters.products.failures.failNext('getMany')
    expect((await failure(service.products.get('p-1'))).code).toBe('DEPENDENCY_UNAVAILABLE')
    adapters.productSource.failures.failNext('fetch')
    expect((await failure(service.products.get('p-1'))).code).toBe('DEPENDENCY_UNAVAILABLE')
  })

  it('applies product versions only forward; repeats and reordering are harmless', async () => {
    const { service } = aService({ catalog: [] })
    const v = (version: number, amount: number) =>
      productFromData(aProduct({ productId: 'p-9', version, price: { amount, currency: 'EUR' } }))
    expect((await service.products.apply(v(2, 200))).applied).toBe(true)
    expect((await service.products.apply(v(1, 100))).applied).toBe(false)
    expect((await service.products.apply(v(2, 999))).applied).toBe(false)
    expect((await service.products.apply(tombstone('p-9', 3))).applied).toBe(true)
    expect((await service.products.apply(v(3, 300))).applied).toBe(false)
    expect((await failure(service.products.get('p-9'))).code).toBe('NOT_FOUND')
    expect((await service.products.apply(v(4, 400))).applied).toBe(true)
    expect((await service.products.get('p-9')).price.amount).toBe(400)
  })
})
