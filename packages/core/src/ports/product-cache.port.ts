import type { ProductState } from '../domain/product.js'

/**
 * A fast, lossy cache of product states with a TTL fixed by the adapter. Errors throw
 * DEPENDENCY_UNAVAILABLE; callers treat them as misses.
 */
export interface ProductCache {
  /** The cached state (tombstones included), or null on a miss or an expired entry. */
  get(productId: string): Promise<ProductState | null>

  /** Cached states of the given ids in one round trip (one per node on a cluster); misses left out. */
  getMany(productIds: readonly string[]): Promise<ProductState[]>

  /**
   * Caches `state` only if no newer or equal version is cached (atomic); resets the TTL when applied.
   * Returns whether it was applied.
   */
  set(state: ProductState): Promise<boolean>
}
