import type { CartRepository } from '../ports/cart-repository.port.js'
import type { Clock } from '../ports/clock.port.js'
import type { EventPublisher } from '../ports/event-publisher.port.js'
import type { IdGenerator } from '../ports/id-generator.port.js'
import type { IdempotencyStore } from '../ports/idempotency-store.port.js'
import type { OrderRepository } from '../ports/order-repository.port.js'
import type { ProductCache } from '../ports/product-cache.port.js'
import type { ProductRepository } from '../ports/product-repository.port.js'
import type { ProductSource } from '../ports/product-source.port.js'
import type { Telemetry } from '../ports/telemetry.port.js'
import type { UnitOfWork } from '../ports/unit-of-work.port.js'
import { systemClock, uuidV7Ids } from './defaults.js'

/** Everything the use cases talk to. Optional ports have a documented fallback. */
export interface OrderServiceAdapters {
  orders: OrderRepository
  carts: CartRepository
  /** The durable product replica. */
  products: ProductRepository
  idempotency: IdempotencyStore
  /** Without it every lookup reads the replica. */
  productCache?: ProductCache
  /** Without it a product missing from the replica is PRODUCT_NOT_FOUND. */
  productSource?: ProductSource
  /** Without it `relayOutboxOnce` fails: the outbox keeps the events. */
  publisher?: EventPublisher
  /** Without it (or when not `transactional`) checkout uses the single-document protocol. */
  unitOfWork?: UnitOfWork
  clock?: Clock
  ids?: IdGenerator
  telemetry?: Telemetry
}

export interface OrderServiceOptions {
  /** How long a checkout mark protects a cart before anyone may complete it. @default 30000 */
  checkoutLeaseMs?: number
  /** How long an Idempotency-Key is remembered. @default 86400000 (24 h) */
  idempotencyTtlMs?: number
  /** How long an in-progress Idempotency-Key blocks repeats before it is considered abandoned. @default 60000 */
  idempotencyLockMs?: number
  /** Attempts of a write that loses a version race, when the caller sent no expected version. @default 12 */
  maxWriteAttempts?: number
  /** Base delay of the jittered backoff between write attempts (10 ms suits a networked store under 50 concurrent writers). @default 10 */
  retryBaseDelayMs?: number
  /** `source` of published events. @default 'order-service' */
  eventSource?: string
}

export interface ServiceContext
  extends Required<
    Omit<OrderServiceAdapters, 'productCache' | 'productSource' | 'publisher' | 'unitOfWork'>
  > {
  productCache: ProductCache | undefined
  productSource: ProductSource | undefined
  publisher: EventPublisher | undefined
  unitOfWork: UnitOfWork | undefined
  options: Required<OrderServiceOptions>
}

const noTelemetry: Telemetry = { count: () => {}, warn: () => {} }

export function createContext(
  adapters: OrderServiceAdapters,
  options: OrderServiceOptions = {},
): ServiceContext {
  return {
    ...adapters,
    productCache: adapters.productCache,
    productSource: adapters.productSource,
    publisher: adapters.publisher,
    unitOfWork: adapters.unitOfWork,
    clock: adapters.clock ?? systemClock(),
    ids: adapters.ids ?? uuidV7Ids(),
    telemetry: adapters.telemetry ?? noTelemetry,
    options: {
      checkoutLeaseMs: options.checkoutLeaseMs ?? 30_000,
      idempotencyTtlMs: options.idempotencyTtlMs ?? 86_400_000,
      idempotencyLockMs: options.idempotencyLockMs ?? 60_000,
      maxWriteAttempts: options.maxWriteAttempts ?? 12,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 10,
      eventSource: options.eventSource ?? 'order-service',
    },
  }
}
