// Domain

export { type CartLineView, type CartView, cartView } from './application/cart-view.js'
// Use cases
export type { CartTarget, CartUseCases } from './application/carts.js'
export type { CheckoutCart, CheckoutInput, CheckoutResult } from './application/checkout-cart.js'
export type { OrderServiceAdapters, OrderServiceOptions, ServiceContext } from './application/context.js'
export { systemClock, uuidV7Ids } from './application/defaults.js'
export {
  assertIdempotencyKey,
  canonicalJson,
  fingerprintRequest,
  type IdempotentOutcome,
  type IdempotentRequest,
  type IdempotentRequests,
} from './application/idempotency.js'
export type { PurgeResult } from './application/maintenance.js'
export { decodeCursor, encodeCursor } from './application/order-cursor.js'
export { createOrderService, type OrderService } from './application/order-service.js'
export type {
  CreateOrderInput,
  ListOrdersInput,
  OrderPage,
  OrderTarget,
  OrderUseCases,
} from './application/orders.js'
export type { RelayOptions, RelayResult } from './application/outbox-relay.js'
export type { RequestedLine } from './application/pricing.js'
export type { LookupResult, ProductLookup } from './application/product-lookup.js'
export {
  assertProductData,
  type ProductApplyResult,
  type ProductEventData,
  type ProductSync,
  productStateFromEvent,
} from './application/product-sync.js'
export { type Actor, isPrivileged, type Role, SYSTEM_ACTOR } from './domain/actor.js'
export type { Address } from './domain/address.js'
export {
  Cart,
  type CartLine,
  type CartPrimitives,
  type CheckoutDraft,
  type CheckoutMark,
} from './domain/cart.js'
export {
  dependencyUnavailable,
  ERROR_STATUS,
  ERROR_TITLES,
  type ErrorCode,
  type FieldError,
  isOrderServiceError,
  isOutboxFull,
  notFound,
  OrderServiceError,
  type OrderServiceErrorOptions,
  OutboxFullError,
  validationFailed,
} from './domain/errors.js'
export {
  type DomainEvent,
  type EventEnvelope,
  ORDER_EVENT_TYPES,
  type OrderEventType,
  type OutboxEvent,
  PRODUCT_EVENT_TYPES,
  type ProductEventType,
  toEnvelope,
} from './domain/events.js'
export { assertId, assertQuantity, isValidId, LIMITS } from './domain/limits.js'
export { isValidMoney, type Money, money, sameMoney } from './domain/money.js'
export {
  Order,
  type OrderChanges,
  type OrderLine,
  type OrderPrimitives,
  type OrderView,
  orderViewOf,
  type StatusChange,
} from './domain/order.js'
export {
  assertTransition,
  canTransition,
  isOrderStatus,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  type OrderStatus,
} from './domain/order-status.js'
export { DEFAULT_MAX_PENDING_EVENTS, maxPendingEventsOf } from './domain/outbox-limit.js'
export {
  isNewer,
  type Product,
  type ProductData,
  type ProductState,
  type ProductTombstone,
  productFromData,
  productView,
  tombstone,
} from './domain/product.js'
// Ports
export type { CartRepository } from './ports/cart-repository.port.js'
export type { Clock } from './ports/clock.port.js'
export type { EventPublisher } from './ports/event-publisher.port.js'
export type { IdGenerator } from './ports/id-generator.port.js'
export type {
  ClaimResult,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyStore,
  StoredResponse,
} from './ports/idempotency-store.port.js'
export type {
  ClaimedOutbox,
  ClaimOutboxOptions,
  InsertOrderResult,
  OrderCursor,
  OrderListQuery,
  OrderRepository,
  OutboxBacklog,
} from './ports/order-repository.port.js'
export type { ProductCache } from './ports/product-cache.port.js'
export type { ProductRepository, UpsertResult } from './ports/product-repository.port.js'
export type { ProductSource, ProductSourceResult } from './ports/product-source.port.js'
export type { Telemetry } from './ports/telemetry.port.js'
export type { TransactionalRepositories, UnitOfWork } from './ports/unit-of-work.port.js'
