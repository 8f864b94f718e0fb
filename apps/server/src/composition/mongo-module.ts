import { mongoAdapters } from '@orders/adapter-mongo'
import { ContainerModule } from 'inversify'
import { createConnection } from 'mongoose'
import type { ServerConfig } from '../config/server-config.js'
import { closedOnPurpose, closeOnPurpose } from './deliberate-close.js'
import { type Registry, resolver, type Storage, TOKENS } from './tokens.js'

/**
 * Storage on MongoDB (MONGODB_URI): orders with their embedded outbox, carts, the product replica and
 * idempotency records, on one Mongoose connection. Checkout runs in a transaction only when the server
 * really has them (replica set or mongos AND a probe transaction commits); the mode is logged at start.
 */
export function mongoModule(
  mongo: NonNullable<ServerConfig['mongo']>,
  maxPendingEvents: number,
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Registry['mongoConnection']>(TOKENS.mongoConnection)
      .toDynamicValue(async (context) => {
        const logger = (await resolver(context).get('logger')).child({ component: 'mongodb' })
        const connection = createConnection(mongo.uri, {
          serverSelectionTimeoutMS: mongo.serverSelectionTimeoutMs,
          // Fail fast (503) while the server is unreachable instead of queueing operations.
          bufferCommands: false,
          autoIndex: false,
          autoCreate: false,
        })
        connection.on('disconnected', () => {
          if (closedOnPurpose(connection)) logger.info('mongodb connection closed')
          else logger.warn('mongodb connection lost')
        })
        connection.on('reconnected', () => logger.info('mongodb reconnected'))
        await connection.asPromise()
        logger.info({ database: connection.name }, 'mongodb connected')
        return connection
      })
      .inSingletonScope()
      .onDeactivation((connection) => closeOnPurpose(connection, (c) => c.close()))
    bind<Registry['mongoAdapters']>(TOKENS.mongoAdapters)
      .toDynamicValue(async (context) => {
        const deps = resolver(context)
        const logger = (await deps.get('logger')).child({ component: 'mongodb' })
        return mongoAdapters({
          connection: await deps.get('mongoConnection'),
          logger: { info: (message: string) => logger.info(message) },
          maxPendingEvents,
        })
      })
      .inSingletonScope()
    bind(TOKENS.storage)
      .toDynamicValue(async (context): Promise<Storage> => {
        const adapters = await resolver(context).get('mongoAdapters')
        return {
          kind: `mongodb (${adapters.transactionMode})`,
          orders: adapters.orders,
          carts: adapters.carts,
          products: adapters.products,
          idempotency: adapters.idempotency,
          unitOfWork: adapters.unitOfWork,
        }
      })
      .inSingletonScope()
    bind(TOKENS.healthCheck)
      .toDynamicValue(async (context) => {
        const adapters = await resolver(context).get('mongoAdapters')
        return { name: 'mongodb', critical: true, check: () => adapters.ping() }
      })
      .inSingletonScope()
  })
}
