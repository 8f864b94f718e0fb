import type { AmqpConnection } from '@orders/adapter-amqp'
import type { MongoAdapters } from '@orders/adapter-mongo'
import type {
  CartRepository,
  EventPublisher,
  IdempotencyStore,
  OrderRepository,
  OrderService,
  ProductCache,
  ProductRepository,
  ProductSource,
  UnitOfWork,
} from '@orders/core'
import type { Container, ResolutionContext } from 'inversify'
import type { Cluster, Redis } from 'ioredis'
import type { Connection } from 'mongoose'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config/server-config.js'
import type { ApiListener } from '../http/request-listener.js'
import type { HealthCheck } from '../ops/health.js'
import type { ServerMetrics } from '../ops/metrics.js'

/** Repositories of one storage backend, and how it keeps checkout consistent. */
export interface Storage {
  /** e.g. `memory`, `mongodb (transactions)`, `mongodb (single-document)`. */
  kind: string
  orders: OrderRepository
  carts: CartRepository
  products: ProductRepository
  idempotency: IdempotencyStore
  unitOfWork?: UnitOfWork
}

/** Something the worker runs in the background until shutdown (the product events consumer). */
export interface BackgroundConsumer {
  readonly name: string
  start(): Promise<void>
  /**
   * Stops taking messages, waits up to `drainTimeoutMs` for the ones being handled; unacknowledged
   * ones go back to the queue.
   */
  stop(drainTimeoutMs: number): Promise<void>
}

/** What each token resolves to. */
export interface Registry {
  config: ServerConfig
  logger: Logger
  metrics: ServerMetrics
  storage: Storage
  productCache: ProductCache
  productSource: ProductSource
  publisher: EventPublisher
  service: OrderService
  healthCheck: HealthCheck
  consumer: BackgroundConsumer
  apiListener: ApiListener
  redisClient: Redis | Cluster
  amqpConnection: AmqpConnection
  mongoConnection: Connection
  mongoAdapters: MongoAdapters
}

/** Explicit tokens (no decorators, no reflection): `Symbol.for('orders.<name>')`. */
export const TOKENS: { readonly [K in keyof Registry]: symbol } = {
  config: Symbol.for('orders.config'),
  logger: Symbol.for('orders.logger'),
  metrics: Symbol.for('orders.metrics'),
  storage: Symbol.for('orders.storage'),
  productCache: Symbol.for('orders.productCache'),
  productSource: Symbol.for('orders.productSource'),
  publisher: Symbol.for('orders.publisher'),
  service: Symbol.for('orders.service'),
  healthCheck: Symbol.for('orders.healthCheck'),
  consumer: Symbol.for('orders.consumer'),
  apiListener: Symbol.for('orders.apiListener'),
  redisClient: Symbol.for('orders.redisClient'),
  amqpConnection: Symbol.for('orders.amqpConnection'),
  mongoConnection: Symbol.for('orders.mongoConnection'),
  mongoAdapters: Symbol.for('orders.mongoAdapters'),
}

type Resolver = Pick<Container | ResolutionContext, 'getAsync' | 'getAllAsync'>

/** Typed access to a container or a resolution context. */
export function resolver(from: Resolver) {
  return {
    get: <K extends keyof Registry>(key: K): Promise<Registry[K]> => from.getAsync<Registry[K]>(TOKENS[key]),
    optional: <K extends keyof Registry>(key: K): Promise<Registry[K] | undefined> =>
      from.getAsync<Registry[K]>(TOKENS[key], { optional: true }),
    all: <K extends keyof Registry>(key: K): Promise<Registry[K][]> =>
      from.getAllAsync<Registry[K]>(TOKENS[key], { optional: true }),
  }
}
