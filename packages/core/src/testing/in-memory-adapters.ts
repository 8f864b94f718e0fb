import type { OrderServiceAdapters } from '../application/context.js'
import type { ProductData } from '../domain/product.js'
import type { Clock } from '../ports/clock.port.js'
import type { IdGenerator } from '../ports/id-generator.port.js'
import { type InMemoryCartRepository, inMemoryCartRepository } from './in-memory-cart-repository.js'
import { type InMemoryEventPublisher, inMemoryEventPublisher } from './in-memory-event-publisher.js'
import { type InMemoryIdempotencyStore, inMemoryIdempotencyStore } from './in-memory-idempotency-store.js'
import { type InMemoryOrderRepository, inMemoryOrderRepository } from './in-memory-order-repository.js'
import { type InMemoryProductCache, inMemoryProductCache } from './in-memory-product-cache.js'
import { type InMemoryProductRepository, inMemoryProductRepository } from './in-memory-product-repository.js'
import { type InMemoryProductSource, inMemoryProductSource } from './in-memory-product-source.js'
import { inMemoryUnitOfWork } from './in-memory-unit-of-work.js'

export interface InMemoryAdapters extends OrderServiceAdapters {
  orders: InMemoryOrderRepository
  carts: InMemoryCartRepository
  products: InMemoryProductRepository
  idempotency: InMemoryIdempotencyStore
  productCache: InMemoryProductCache
  productSource: InMemoryProductSource
  publisher: InMemoryEventPublisher
}

export interface InMemoryAdaptersOptions {
  clock?: Clock
  ids?: IdGenerator
  /** What the simulated ProductService knows. */
  catalog?: readonly ProductData[]
  /** @default 300 */
  cacheTtlSeconds?: number
  /** Unpublished events one order may hold before an order change answers DEPENDENCY_UNAVAILABLE. @default 100 */
  maxPendingEvents?: number
}

/**
 * Every port in memory, with real semantics. Limits: one process, nothing persisted,
 * no transactions (the single-document protocol is used, as on FerretDB).
 * @example
 * const service = createOrderService(inMemoryAdapters({ catalog: [aProduct] }))
 */
export function inMemoryAdapters(options: InMemoryAdaptersOptions = {}): InMemoryAdapters {
  const clock = options.clock
  const orders = inMemoryOrderRepository({
    ...(clock ? { clock } : {}),
    ...(options.maxPendingEvents !== undefined ? { maxPendingEvents: options.maxPendingEvents } : {}),
  })
  const carts = inMemoryCartRepository()
  const idempotency = inMemoryIdempotencyStore(clock ? { clock } : {})
  return {
    orders,
    carts,
    idempotency,
    products: inMemoryProductRepository(),
    productCache: inMemoryProductCache({
      ...(clock ? { clock } : {}),
      ttlSeconds: options.cacheTtlSeconds ?? 300,
    }),
    productSource: inMemoryProductSource(options.catalog ?? []),
    publisher: inMemoryEventPublisher(),
    unitOfWork: inMemoryUnitOfWork({ orders, carts, idempotency }),
    ...(clock ? { clock } : {}),
    ...(options.ids ? { ids: options.ids } : {}),
  }
}
