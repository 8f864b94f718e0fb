import type { Actor } from './actor.js'
import type { Address } from './address.js'
import { OrderServiceError } from './errors.js'
import type { DomainEvent } from './events.js'
import { isoTime } from './iso-time.js'
import { LIMITS } from './limits.js'
import { type Money, multiply, sum } from './money.js'
import { assertTransition, type OrderStatus } from './order-status.js'
import { plainCopy } from './plain-copy.js'
import type { Product } from './product.js'

export interface OrderLine {
  productId: string
  name: string
  quantity: number
  unitPrice: Money
  lineTotal: Money
}

export interface StatusChange {
  status: OrderStatus
  at: string
  actor: string
  reason?: string
}

/** The order as the API shows it (DESIGN §5 wire shape). */
export interface OrderView {
  id: string
  userId: string
  status: OrderStatus
  lines: OrderLine[]
  total: Money
  shippingAddress?: Address
  note?: string
  statusHistory: StatusChange[]
  version: number
  createdAt: string
  updatedAt: string
}

/** The stored order: the view plus integrity fields. */
export interface OrderPrimitives extends OrderView {
  /** Unique, never null: `checkout:<userId>:<cartVersion>`, `idem:<userId>/<operation>/<actor>/<key>` or `order:<id>`. */
  dedupeKey: string
  /** Set when the order is deleted; it is then invisible and purged once its outbox is drained. */
  deletedAt: string | null
}

export interface OrderChanges {
  lines?: OrderLine[]
  shippingAddress?: Address
  note?: string
}

/** Prices requested lines with current product data. */
export function priceLine(product: Product, quantity: number): OrderLine {
  return {
    productId: product.productId,
    name: product.name,
    quantity,
    unitPrice: product.price,
    lineTotal: multiply(product.price, quantity),
  }
}

export function orderTotal(lines: readonly OrderLine[]): Money {
  const total = sum(lines.map((l) => l.lineTotal))
  if (!total) throw new OrderServiceError('VALIDATION_FAILED', 'an order needs at least one line')
  return total
}

function describeActor(actor: Actor): string {
  return actor.role === 'customer' ? actor.userId : `${actor.role}:${actor.userId}`
}

export class Order {
  private events: DomainEvent[] = []

  private constructor(private state: OrderPrimitives) {}

  static create(input: {
    id: string
    userId: string
    lines: OrderLine[]
    shippingAddress?: Address
    note?: string
    dedupeKey: string
    now: Date
    actor: Actor
  }): Order {
    if (input.lines.length === 0)
      throw new OrderServiceError('CART_EMPTY', 'an order needs at least one line')
    if (input.lines.length > LIMITS.maxOrderLines) {
      throw new OrderServiceError('CART_LIMIT_EXCEEDED', `at most ${LIMITS.maxOrderLines} lines per order`)
    }
    const at = isoTime(input.now)
    const state: OrderPrimitives = {
      id: input.id,
      userId: input.userId,
      status: 'Pending',
      lines: input.lines,
      total: orderTotal(input.lines),
      statusHistory: [{ status: 'Pending', at, actor: describeActor(input.actor) }],
      version: 1,
      createdAt: at,
      updatedAt: at,
      dedupeKey: input.dedupeKey,
      deletedAt: null,
    }
    if (input.shippingAddress) state.shippingAddress = input.shippingAddress
    if (input.note !== undefined) state.note = input.note
    const order = new Order(state)
    order.record('order.created')
    return order
  }

  static fromPrimitives(state: OrderPrimitives): Order {
    return new Order(plainCopy(state))
  }

  get id(): string {
    return this.state.id
  }
  get userId(): string {
    return this.state.userId
  }
  get dedupeKey(): string {
    return this.state.dedupeKey
  }
  get status(): OrderStatus {
    return this.state.status
  }
  get version(): number {
    return this.state.version
  }
  get isDeleted(): boolean {
    return this.state.deletedAt !== null
  }

  transition(to: OrderStatus, input: { actor: Actor; now: Date; reason?: string }): void {
    assertTransition(this.state.status, to)
    const change: StatusChange = {
      status: to,
      at: isoTime(input.now),
      actor: describeActor(input.actor),
    }
    if (input.reason !== undefined) change.reason = input.reason
    this.state.status = to
    this.state.statusHistory.push(change)
    this.touch(input.now)
    this.record('order.status_changed')
    if (to === 'Cancelled') this.record('order.cancelled')
  }

  /** Only Pending orders may be updated (ORDER_NOT_MODIFIABLE otherwise). */
  assertUpdatable(): void {
    this.assertModifiable('updated')
  }

  update(changes: OrderChanges, now: Date): void {
    this.assertUpdatable()
    if (changes.lines) {
      this.state.lines = changes.lines
      this.state.total = orderTotal(changes.lines)
    }
    if (changes.shippingAddress) this.state.shippingAddress = changes.shippingAddress
    if (changes.note !== undefined) this.state.note = changes.note
    this.touch(now)
    this.record('order.updated')
  }

  /** Only Pending and Cancelled orders may be deleted (ORDER_NOT_MODIFIABLE otherwise). */
  assertDeletable(): void {
    if (this.state.status !== 'Pending' && this.state.status !== 'Cancelled') {
      throw new OrderServiceError('ORDER_NOT_MODIFIABLE', `a ${this.state.status} order cannot be deleted`, {
        details: { status: this.state.status },
      })
    }
  }

  markDeleted(now: Date): void {
    this.assertDeletable()
    this.state.deletedAt = isoTime(now)
    this.touch(now)
    this.record('order.deleted')
  }

  /** Events recorded since the last call, in order. */
  pullEvents(): DomainEvent[] {
    const events = this.events
    this.events = []
    return events
  }

  toPrimitives(): OrderPrimitives {
    return plainCopy(this.state)
  }

  toView(): OrderView {
    return orderViewOf(plainCopy(this.state))
  }

  private assertModifiable(action: string): void {
    if (this.state.status !== 'Pending') {
      throw new OrderServiceError(
        'ORDER_NOT_MODIFIABLE',
        `a ${this.state.status} order cannot be ${action}`,
        {
          details: { status: this.state.status },
        },
      )
    }
  }

  private touch(now: Date): void {
    this.state.version += 1
    this.state.updatedAt = isoTime(now)
  }

  private record(type: DomainEvent['type']): void {
    this.events.push({ type, subject: this.state.id })
  }
}

/**
 * The view of an order a repository returned: the same object graph without `dedupeKey` and
 * `deletedAt`. Repositories return fresh objects the caller owns (OrderRepository), so the view
 * takes over the nested objects instead of copying them (the aggregate's own view, `toView`, copies).
 */
export function orderViewOf(state: OrderPrimitives): OrderView {
  const view: Record<string, unknown> = {}
  for (const key in state) {
    if (key !== 'dedupeKey' && key !== 'deletedAt') view[key] = state[key as keyof OrderPrimitives]
  }
  return view as unknown as OrderView
}
