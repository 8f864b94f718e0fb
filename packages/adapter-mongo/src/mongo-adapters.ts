import type {
  CartRepository,
  Clock,
  IdempotencyStore,
  OrderRepository,
  ProductRepository,
  UnitOfWork,
} from '@orders/core'
import type { Connection } from 'mongoose'
import { guarded } from './errors.js'
import { mongoCartRepository } from './mongo-cart-repository.js'
import { mongoIdempotencyStore } from './mongo-idempotency-store.js'
import { mongoOrderRepository } from './mongo-order-repository.js'
import { mongoProductRepository } from './mongo-product-repository.js'
import { mongoUnitOfWork } from './mongo-unit-of-work.js'
import { ensureMongoIndexes } from './schemas/index.js'
import { detectTransactionMode, type TransactionMode } from './transaction-mode.js'
import { type WriteLocks, writeLocks } from './write-locks.js'

export interface MongoAdaptersOptions {
  connection: Connection
  /** `auto`: transactions when `hello` and a probe transaction say so (DESIGN §4). @default 'auto' */
  transactions?: 'auto' | 'off'
  /** See `WriteLocks`. @default 'auto' (on for FerretDB) */
  writeLocks?: WriteLocks
  clock?: Clock
  /**
   * Unpublished events one order may hold before an order change answers 503 DEPENDENCY_UNAVAILABLE
   * (see `mongoOrderRepository`). @default 100
   */
  maxPendingEvents?: number
  /** Where the chosen modes are logged. @default console */
  logger?: { info(message: string): void }
}

export interface MongoAdapters {
  orders: OrderRepository
  carts: CartRepository
  products: ProductRepository
  idempotency: IdempotencyStore
  unitOfWork: UnitOfWork
  transactionMode: TransactionMode
  /** Whether conditional writes take per-document locks (FerretDB). */
  lockedWrites: boolean
  /** Resolves when the server answers `ping`; throws DEPENDENCY_UNAVAILABLE otherwise. */
  ping(): Promise<void>
}

/**
 * Every Mongo-backed port for `createOrderService`, on one Mongoose connection. Builds the indexes,
 * detects the transaction mode and FerretDB, and logs both.
 * @example
 * const connection = await mongoose.createConnection(process.env.MONGODB_URI!).asPromise()
 * const service = createOrderService({ ...(await mongoAdapters({ connection })), productCache })
 */
export async function mongoAdapters(options: MongoAdaptersOptions): Promise<MongoAdapters> {
  const { connection } = options
  const logger = options.logger ?? console
  await ensureMongoIndexes(connection)
  const transactionMode =
    options.transactions === 'off' ? 'single-document' : await detectTransactionMode(connection)
  const lockedWrites = await writeLocks(connection, options.writeLocks).enabled()
  logger.info(
    `[orders] [mongo] ${transactionMode === 'transactional' ? 'transactional mode: checkout runs in a transaction' : 'single-document mode: no multi-document transactions, checkout uses the crash-safe protocol'}${lockedWrites ? '; FerretDB: conditional writes take per-document locks' : ''}`,
  )
  const repositoryOptions = {
    connection,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.writeLocks ? { writeLocks: options.writeLocks } : {}),
  }
  const orderOptions = {
    ...repositoryOptions,
    ...(options.maxPendingEvents !== undefined ? { maxPendingEvents: options.maxPendingEvents } : {}),
  }
  return {
    orders: mongoOrderRepository(orderOptions),
    carts: mongoCartRepository(repositoryOptions),
    products: mongoProductRepository(repositoryOptions),
    idempotency: mongoIdempotencyStore(repositoryOptions),
    unitOfWork: mongoUnitOfWork({ ...orderOptions, mode: transactionMode }),
    transactionMode,
    lockedWrites,
    async ping() {
      await guarded(async () => {
        const db = connection.db
        if (!db) throw new Error('not connected')
        await db.admin().command({ ping: 1 })
      })
    },
  }
}
