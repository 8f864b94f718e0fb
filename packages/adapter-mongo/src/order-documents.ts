import type { OrderPrimitives, OutboxEvent } from '@orders/core'
import type { OrderDocument } from './schemas/order.schema.js'

type OrderFields = Omit<
  OrderDocument,
  '_id' | 'outbox' | 'outboxRev' | 'outboxDueAt' | 'outboxCount' | 'outboxOldestAt' | 'leaseOwner'
>

/** The order's own fields (no outbox bookkeeping), optional ones only when present. */
export function orderFields(order: OrderPrimitives): OrderFields {
  const fields: OrderFields = {
    userId: order.userId,
    status: order.status,
    lines: order.lines,
    total: order.total,
    statusHistory: order.statusHistory,
    version: order.version,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    dedupeKey: order.dedupeKey,
    deletedAt: order.deletedAt,
  }
  if (order.shippingAddress !== undefined) fields.shippingAddress = order.shippingAddress
  if (order.note !== undefined) fields.note = order.note
  return fields
}

/** The outbox bookkeeping for `outbox` (oldest first), due at `dueAt` when not empty. */
export function outboxFields(outbox: readonly OutboxEvent[], dueAt: string) {
  return {
    outbox: [...outbox],
    outboxCount: outbox.length,
    outboxOldestAt: outbox.reduce<string | null>(
      (min, e) => (min === null || e.time < min ? e.time : min),
      null,
    ),
    outboxDueAt: outbox.length > 0 ? dueAt : null,
  }
}

export function fromOrderDocument(doc: OrderDocument): OrderPrimitives {
  const order: OrderPrimitives = {
    id: doc._id,
    userId: doc.userId,
    status: doc.status as OrderPrimitives['status'],
    lines: doc.lines as OrderPrimitives['lines'],
    total: doc.total as OrderPrimitives['total'],
    statusHistory: doc.statusHistory as OrderPrimitives['statusHistory'],
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    dedupeKey: doc.dedupeKey,
    deletedAt: doc.deletedAt ?? null,
  }
  if (doc.shippingAddress !== undefined && doc.shippingAddress !== null) {
    order.shippingAddress = doc.shippingAddress as NonNullable<OrderPrimitives['shippingAddress']>
  }
  if (doc.note !== undefined && doc.note !== null) order.note = doc.note
  return order
}

/** Only the order's own fields are read back: the outbox can be large. */
export const ORDER_PROJECTION = {
  outbox: 0,
  outboxRev: 0,
  outboxDueAt: 0,
  outboxCount: 0,
  outboxOldestAt: 0,
  leaseOwner: 0,
} as const
