import { plainCopy } from '../domain/plain-copy.js'
import { isNewer, type ProductState } from '../domain/product.js'
import type { ProductRepository } from '../ports/product-repository.port.js'
import { FailureInjector } from './failure-injector.js'

export interface InMemoryProductRepository extends ProductRepository {
  readonly failures: FailureInjector
}

/** The product replica in a Map, version-guarded like the real one. */
export function inMemoryProductRepository(): InMemoryProductRepository {
  const products = new Map<string, ProductState>()
  const failures = new FailureInjector()
  return {
    failures,
    async get(productId) {
      failures.check('get', false)
      const state = products.get(productId)
      return state ? plainCopy(state) : null
    },
    async getMany(productIds) {
      failures.check('getMany', false)
      return productIds.flatMap((id) => {
        const state = products.get(id)
        return state ? [plainCopy(state)] : []
      })
    },
    async upsert(state) {
      failures.check('upsert', true)
      const current = products.get(state.productId)
      if (!isNewer(state, current)) return { applied: false, current: plainCopy(current!) }
      products.set(state.productId, plainCopy(state))
      return { applied: true, current: plainCopy(state) }
    },
  }
}
