export { FailureInjector } from './failure-injector.js'
export {
  type InMemoryAdapters,
  type InMemoryAdaptersOptions,
  inMemoryAdapters,
} from './in-memory-adapters.js'
export { type InMemoryCartRepository, inMemoryCartRepository } from './in-memory-cart-repository.js'
export { type InMemoryEventPublisher, inMemoryEventPublisher } from './in-memory-event-publisher.js'
export { type InMemoryIdempotencyStore, inMemoryIdempotencyStore } from './in-memory-idempotency-store.js'
export {
  type InMemoryOrderRepository,
  type InMemoryOrderRepositoryOptions,
  inMemoryOrderRepository,
} from './in-memory-order-repository.js'
export {
  type InMemoryProductCache,
  type InMemoryProductCacheOptions,
  inMemoryProductCache,
} from './in-memory-product-cache.js'
export { type InMemoryProductRepository, inMemoryProductRepository } from './in-memory-product-repository.js'
export { type InMemoryProductSource, inMemoryProductSource } from './in-memory-product-source.js'
export { inMemoryUnitOfWork } from './in-memory-unit-of-work.js'
export { type ManualClock, manualClock, sequentialIds } from './manual-clock.js'
