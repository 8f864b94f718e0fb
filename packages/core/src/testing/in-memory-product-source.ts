import { plainCopy } from '../domain/plain-copy.js'
import type { ProductData } from '../domain/product.js'
import type { ProductSource } from '../ports/product-source.port.js'
import { FailureInjector } from './failure-injector.js'

export interface InMemoryProductSource extends ProductSource {
  readonly failures: FailureInjector
  /** Sets what the remote source knows. */
  put(product: ProductData): void
  remove(productId: string): void
  /** How many fetch calls were made, and with which ids. */
  readonly calls: string[][]
}

/** Plays ProductService in memory. */
export function inMemoryProductSource(catalog: readonly ProductData[] = []): InMemoryProductSource {
  const products = new Map(catalog.map((p) => [p.productId, plainCopy(p)]))
  const failures = new FailureInjector()
  const calls: string[][] = []
  return {
    failures,
    calls,
    put: (product) => {
      products.set(product.productId, plainCopy(product))
    },
    remove: (productId) => {
      products.delete(productId)
    },
    async fetch(productIds) {
      failures.check('fetch', false)
      calls.push([...productIds])
      await Promise.resolve()
      const found = productIds.flatMap((id) => {
        const p = products.get(id)
        return p ? [plainCopy(p)] : []
      })
      return { products: found, missing: productIds.filter((id) => !products.has(id)) }
    },
  }
}
