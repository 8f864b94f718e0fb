import type { ProductState } from '../domain/product.js'

export interface UpsertResult {
  /** true when `state` was newer and is now stored. */
  applied: boolean
  /** What is stored after the call (the given state when applied). */
  current: ProductState
}

/** The durable local replica of product data (live products and tombstones). */
export interface ProductRepository {
  /** The stored state, tombstones included; null when never seen. */
  get(productId: string): Promise<ProductState | null>

  /** The stored states of the ids that are known, in any order. */
  getMany(productIds: readonly string[]): Promise<ProductState[]>

  /**
   * Stores `state` only if its version is strictly newer than the stored one (atomically: two racing
   * writers never leave the older version behind). A tombstone is a state like any other.
   * Repeating a call is harmless.
   */
  upsert(state: ProductState): Promise<UpsertResult>
}
