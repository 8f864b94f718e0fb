import type { CartRepository } from './cart-repository.port.js'
import type { IdempotencyStore } from './idempotency-store.port.js'
import type { OrderRepository } from './order-repository.port.js'

export interface TransactionalRepositories {
  orders: OrderRepository
  carts: CartRepository
  idempotency: IdempotencyStore
}

/**
 * Optional multi-document transactions. When `transactional` is false, `run` just calls `work`
 * with the plain repositories: correctness then rests on single-document writes (DESIGN §4).
 */
export interface UnitOfWork {
  readonly transactional: boolean
  /** Runs `work` in one transaction (retrying it on transient transaction errors) and commits. */
  run<T>(work: (repositories: TransactionalRepositories) => Promise<T>): Promise<T>
}
