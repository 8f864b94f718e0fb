import type { TransactionalRepositories, UnitOfWork } from '@orders/core'
import { asTransactionError } from './errors.js'
import { mongoCartRepository } from './mongo-cart-repository.js'
import { mongoIdempotencyStore } from './mongo-idempotency-store.js'
import { type MongoOrderRepositoryOptions, mongoOrderRepository } from './mongo-order-repository.js'
import type { TransactionMode } from './transaction-mode.js'

/**
 * The unit of work for a detected mode. In `transactional` mode `run` opens a session, binds fresh
 * repositories to it and commits with the driver's `withTransaction` (which retries transient
 * transaction errors); otherwise it passes the plain repositories (DESIGN §4 single-document path).
 * An error that escapes the transaction is mapped by `asTransactionError`: a write conflict is
 * CONCURRENT_UPDATE, another transient one DEPENDENCY_UNAVAILABLE.
 * @example
 * const uow = mongoUnitOfWork({ connection, mode: await detectTransactionMode(connection) })
 */
export function mongoUnitOfWork(
  options: Omit<MongoOrderRepositoryOptions, 'session'> & { mode: TransactionMode },
): UnitOfWork {
  const { mode, ...repositoryOptions } = options
  const plain: TransactionalRepositories = {
    orders: mongoOrderRepository(repositoryOptions),
    carts: mongoCartRepository(repositoryOptions),
    idempotency: mongoIdempotencyStore(repositoryOptions),
  }
  if (mode !== 'transactional') return { transactional: false, run: (work) => work(plain) }
  return {
    transactional: true,
    async run(work) {
      const session = options.connection.getClient().startSession()
      try {
        const bound = { ...repositoryOptions, session }
        return await session.withTransaction(() =>
          work({
            orders: mongoOrderRepository(bound),
            carts: mongoCartRepository(bound),
            idempotency: mongoIdempotencyStore(bound),
          }),
        )
      } catch (error) {
        // withTransaction retried what is transient until its time limit: map what is left.
        throw asTransactionError(error)
      } finally {
        await session.endSession()
      }
    },
  }
}
