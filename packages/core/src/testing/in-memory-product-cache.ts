import { plainCopy } from '../domain/plain-copy.js'
import { isNewer, type ProductState } from '../domain/product.js'
import type { Clock } from '../ports/clock.port.js'
import type { ProductCache } from '../ports/product-cache.port.js'
import { FailureInjector } from './failure-injector.js'

export interface InMemoryProductCacheOptions {
  clock?: Clock
  /** @default 300 */
  ttlSeconds?: number
}

export interface InMemoryProductCache extends ProductCache {
  readonly failures: FailureInjector
}

/** A product cache in a Map with real TTL expiry (read against the clock). */
export function inMemoryProductCache(options: InMemoryProductCacheOptions = {}): InMemoryProductCache {
  const clock = options.clock ?? { now: () => new Date() }
  const ttlMs = (options.ttlSeconds ?? 300) * 1000
  const entries = new Map<string, { state: ProductState; expiresAt: number }>()
  const failures = new FailureInjector()

  const live = (productId: string): ProductState | null => {
    const entry = entries.get(productId)
    if (!entry) return null
    if (entry.expiresAt <= clock.now().getTime()) {
      entries.delete(productId)
      return null
    }
    return plainCopy(entry.state)
  }

  return {
    failures,
    async get(productId) {
      failures.check('get', false)
      return live(productId)
    },
    async getMany(productIds) {
      failures.check('getMany', false)
      return [...new Set(productIds)].flatMap((id) => {
        const state = live(id)
        return state ? [state] : []
      })
    },
    async set(state) {
      failures.check('set', true)
      if (!isNewer(state, live(state.productId))) return false
      entries.set(state.productId, {
        state: plainCopy(state),
        expiresAt: clock.now().getTime() + ttlMs,
      })
      return true
    },
  }
}
