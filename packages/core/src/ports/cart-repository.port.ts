import type { CartPrimitives } from '../domain/cart.js'

/** Carts, one document per user, never deleted; `version` only increases. */
export interface CartRepository {
  /** The user's cart, or null if it was never saved. */
  get(userId: string): Promise<CartPrimitives | null>

  /**
   * Stores `cart` only if the stored version equals `expectedVersion`; `expectedVersion: 0` means
   * "create only if absent". Returns false, writing nothing, when the version is stale.
   * Exactly one of several concurrent saves with the same expected version succeeds. Keeps no
   * reference to `cart` and does not change it (the caller passes its live aggregate state).
   */
  save(cart: CartPrimitives, options: { expectedVersion: number }): Promise<boolean>

  /** Carts whose checkout mark started before `startedBefore` (ISO time), oldest first. */
  findStaleCheckouts(options: { startedBefore: string; limit: number }): Promise<CartPrimitives[]>
}
