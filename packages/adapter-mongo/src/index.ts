export { isConnectionError, isDuplicateKey } from './errors.js'
export { assertPlainString, assertSafeKeys } from './guards.js'
export { type MongoAdapters, type MongoAdaptersOptions, mongoAdapters } from './mongo-adapters.js'
export { mongoCartRepository } from './mongo-cart-repository.js'
export { mongoIdempotencyStore } from './mongo-idempotency-store.js'
export { type MongoOrderRepositoryOptions, mongoOrderRepository } from './mongo-order-repository.js'
export { mongoProductRepository } from './mongo-product-repository.js'
export { mongoUnitOfWork } from './mongo-unit-of-work.js'
export type { MongoRepositoryOptions } from './options.js'
export { ensureMongoIndexes } from './schemas/index.js'
export {
  decideTransactionMode,
  detectTransactionMode,
  type HelloAnswer,
  helloAllowsTransactions,
  probeTransaction,
  type TransactionMode,
} from './transaction-mode.js'
export { isFerretDb, type WriteLocks } from './write-locks.js'
