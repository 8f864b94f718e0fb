import { describe, expect, it } from 'vitest'
import { createOrderService, type ProductRepository, type ProductSource, tombstone } from '../src/index.js'
import { inMemoryAdapters } from '../src/testing/index.js'
import { aProduct, failure } from './support/harness.js'

/** A promise `release` resolves, to hold a call open while another one runs. */
function aGate() {
  let release = () => {}
  const opened = new Promise<void>((resolve) => {
    release = resolve
  })
  return { opened, release }
}

describe('product lookup races', () => {
  it('makes one ProductService lookup for a miss whose replica read overlaps another miss being stored (regression: the later miss fetched again)', async () => {
    const adapters = inMemoryAdapters({ catalog: [aProduct({ productId: 'p-1' })] })
    const gate = aGate()
    let replicaReads = 0
    const replica: ProductRepository = {
      ...adapters.products,
      async getMany(ids) {
        const found = await adapters.products.getMany(ids)
        replicaReads += 1
        // The second replica read answers its miss only after the first lookup has fetched and stored p-1.
        if (replicaReads === 2) await gate.opened
        return found
      },
    }
    const service = createOrderService({ ...adapters, products: replica })

    const first = service.products.get('p-1')
    const second = service.products.get('p-1')
    expect((await first).version).toBe(1)
    gate.release()
    expect((await second).version).toBe(1)
    expect(adapters.productSource.calls).toEqual([['p-1']])
  })

  it('forgets a failed lookup: the misses that joined it fail, the next miss asks again', async () => {
    const adapters = inMemoryAdapters({ catalog: [aProduct({ productId: 'p-1' })] })
    const service = createOrderService(adapters)
    adapters.productSource.failures.failNext('fetch')
    const joined = await Promise.allSettled([service.products.get('p-1'), service.products.get('p-1')])
    expect(joined.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect((await service.products.get('p-1')).version).toBe(1)
    expect(adapters.productSource.calls).toEqual([['p-1']])
  })

  it('keeps a deletion applied while ProductService answers with the older live version', async () => {
    const adapters = inMemoryAdapters({ catalog: [aProduct({ productId: 'p-1', version: 1 })] })
    const gate = aGate()
    const fetched = aGate()
    const source: ProductSource = {
      async fetch(ids) {
        const answer = await adapters.productSource.fetch(ids)
        fetched.release()
        await gate.opened
        return answer
      },
    }
    const service = createOrderService({ ...adapters, productSource: source })
    const lookup = service.products.get('p-1')
    await fetched.opened
    await service.products.apply(tombstone('p-1', 2))
    gate.release()
    expect((await failure(lookup)).code).toBe('NOT_FOUND')
    expect(await adapters.products.get('p-1')).toEqual(tombstone('p-1', 2))
    expect(await adapters.productCache.get('p-1')).toEqual(tombstone('p-1', 2))
  })
})
