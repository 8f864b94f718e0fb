import type { CartPrimitives } from '../domain/cart.js'
import { plainCopy } from '../domain/plain-copy.js'
import type { CartRepository } from '../ports/cart-repository.port.js'
import { FailureInjector } from './failure-injector.js'

export interface InMemoryCartRepository extends CartRepository {
  readonly failures: FailureInjector
}

/** Carts in a Map. Conditional saves are atomic because each runs without awaiting. */
export function inMemoryCartRepository(): InMemoryCartRepository {
  const carts = new Map<string, CartPrimitives>()
  const failures = new FailureInjector()
  return {
    failures,
    async get(userId) {
      failures.check('get', false)
      const cart = carts.get(userId)
      return cart ? plainCopy(cart) : null
    },
    async save(cart, { expectedVersion }) {
      failures.check('save', true)
      const stored = carts.get(cart.userId)
      if ((stored?.version ?? 0) !== expectedVersion) return false
      carts.set(cart.userId, plainCopy(cart))
      return true
    },
    async findStaleCheckouts({ startedBefore, limit }) {
      failures.check('findStaleCheckouts', false)
      const cutoff = Date.parse(startedBefore)
      return [...carts.values()]
        .filter((c) => c.checkout && Date.parse(c.checkout.startedAt) < cutoff)
        .sort((a, b) => Date.parse(a.checkout!.startedAt) - Date.parse(b.checkout!.startedAt))
        .slice(0, limit)
        .map((c) => plainCopy(c))
    },
  }
}
