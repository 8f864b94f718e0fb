import {
  type Money,
  type OrderLine,
  type OrderPrimitives,
  type OrderStatus,
  type OutboxEvent,
  orderViewOf,
} from '@orders/core'
import { uniqueId } from './unique-id.js'

/** The statuses an order has passed through to reach each status (its `statusHistory`). */
const PATH_TO: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  Pending: ['Pending'],
  Processing: ['Pending', 'Processing'],
  Shipped: ['Pending', 'Processing', 'Shipped'],
  Delivered: ['Pending', 'Processing', 'Shipped', 'Delivered'],
  Cancelled: ['Pending', 'Cancelled'],
}

/** An order line whose `lineTotal` is `unitPrice × quantity`. */
export function anOrderLine(overrides: Partial<Omit<OrderLine, 'lineTotal'>> = {}): OrderLine {
  const unitPrice = overrides.unitPrice ?? { amount: 1250, currency: 'EUR' }
  const quantity = overrides.quantity ?? 2
  return {
    productId: overrides.productId ?? uniqueId('product'),
    name: overrides.name ?? 'Espresso beans 1 kg',
    quantity,
    unitPrice,
    lineTotal: { amount: unitPrice.amount * quantity, currency: unitPrice.currency },
  }
}

function totalOf(lines: readonly OrderLine[]): Money {
  const currency = lines[0]?.lineTotal.currency ?? 'EUR'
  return { amount: lines.reduce((sum, line) => sum + line.lineTotal.amount, 0), currency }
}

/**
 * A stored order that satisfies the domain rules: total = sum of line totals, a status history
 * leading to its status (one version per step), a unique id and `dedupeKey = order:<id>`.
 * `createdAt` defaults to the real current time; overrides win over every derived field.
 * @example
 * const order = anOrder({ userId, status: 'Processing', createdAt: '2026-03-01T10:00:00.000Z' })
 */
export function anOrder(overrides: Partial<OrderPrimitives> = {}): OrderPrimitives {
  const id = overrides.id ?? uniqueId('order')
  const userId = overrides.userId ?? uniqueId('user')
  const status = overrides.status ?? 'Pending'
  const createdAt = overrides.createdAt ?? new Date().toISOString()
  const lines = overrides.lines ?? [anOrderLine()]
  const path = PATH_TO[status]
  return {
    id,
    userId,
    status,
    lines,
    total: totalOf(lines),
    statusHistory: path.map((s) => ({ status: s, at: createdAt, actor: userId })),
    version: path.length,
    createdAt,
    updatedAt: createdAt,
    dedupeKey: `order:${id}`,
    deletedAt: null,
    ...overrides,
  }
}

/**
 * An outbox event of `order` with a unique id: type `order.created`, `time = order.updatedAt`,
 * `data` = the order's API view.
 */
export function anOutboxEvent(order: OrderPrimitives, overrides: Partial<OutboxEvent> = {}): OutboxEvent {
  return {
    id: uniqueId('event'),
    type: 'order.created',
    source: 'order-service',
    time: order.updatedAt,
    subject: order.id,
    dataVersion: '1',
    data: orderViewOf(order),
    requestId: null,
    ...overrides,
  }
}
