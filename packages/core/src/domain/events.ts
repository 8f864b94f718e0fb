import type { OrderView } from './order.js'

export const ORDER_EVENT_TYPES = [
  'order.created',
  'order.updated',
  'order.status_changed',
  'order.cancelled',
  'order.deleted',
  'cart.checked_out',
] as const
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number]

export const PRODUCT_EVENT_TYPES = ['product.created', 'product.updated', 'product.deleted'] as const
export type ProductEventType = (typeof PRODUCT_EVENT_TYPES)[number]

/** A fact recorded by an aggregate; it becomes an outbox event when saved. */
export interface DomainEvent {
  type: OrderEventType
  subject: string
}

/** The envelope of every message in and out (DESIGN §6), entirely in the JSON body. */
export interface EventEnvelope<T = unknown> {
  id: string
  type: string
  source: string
  time: string
  subject: string
  dataVersion: '1'
  data: T
}

/** An order event waiting in the order's embedded outbox. `id` is fixed when it is written. */
export interface OutboxEvent extends EventEnvelope<OrderView> {
  type: OrderEventType
  /** The request that caused the event, sent as the `x-request-id` header. */
  requestId: string | null
}

/** The envelope without the outbox-only `requestId`: what goes on the wire. */
export function toEnvelope(event: OutboxEvent): EventEnvelope<OrderView> {
  const { requestId: _requestId, ...envelope } = event
  return envelope
}
