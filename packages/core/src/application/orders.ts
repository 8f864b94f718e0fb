import { type Actor, isPrivileged } from '../domain/actor.js'
import type { Address } from '../domain/address.js'
import { isOutboxFull, notFound, OrderServiceError, validationFailed } from '../domain/errors.js'
import { assertId, assertQuantity, LIMITS } from '../domain/limits.js'
import {
  Order,
  type OrderChanges,
  type OrderPrimitives,
  type OrderView,
  orderViewOf,
} from '../domain/order.js'
import type { OrderStatus } from '../domain/order-status.js'
import { assertCanSee, assertPrivileged } from './access.js'
import type { CheckoutCart } from './checkout-cart.js'
import type { ServiceContext } from './context.js'
import { idempotentDedupeKey } from './dedupe-keys.js'
import { decodeCursor, encodeCursor } from './order-cursor.js'
import { toOutboxEvents } from './outbox-events.js'
import { mergeLines, priceLines, type RequestedLine } from './pricing.js'
import type { ProductLookup } from './product-lookup.js'
import { assertExpectedVersion, LOST_RACE, withWriteRetries } from './write-retries.js'

export interface CreateOrderInput {
  actor: Actor
  userId: string
  lines: RequestedLine[]
  shippingAddress?: Address
  note?: string
  idempotencyKey?: string
  requestId?: string
}

export interface OrderTarget {
  actor: Actor
  orderId: string
  /** From If-Match: stale answers VERSION_CONFLICT instead of retrying. */
  expectedVersion?: number
  requestId?: string
}

export interface ListOrdersInput {
  actor: Actor
  userId?: string
  status?: OrderStatus
  limit?: number
  cursor?: string
}

export interface OrderPage {
  items: OrderView[]
  nextCursor: string | null
}

/** Order use cases: create, get, list, update, change status, cancel, delete. */
export class OrderUseCases {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly lookup: ProductLookup,
    private readonly checkout: CheckoutCart,
  ) {}

  async create(input: CreateOrderInput): Promise<{ order: OrderView; created: boolean }> {
    assertId(input.userId, 'userId')
    if (!isPrivileged(input.actor) && input.actor.userId !== input.userId) {
      throw new OrderServiceError('FORBIDDEN', 'customers may only create their own orders')
    }
    const lines = await this.price(input.lines)
    const id = this.ctx.ids.next()
    const dedupeKey =
      input.idempotencyKey !== undefined
        ? idempotentDedupeKey({
            operation: 'order',
            actorUserId: input.actor.userId,
            userId: input.userId,
            key: input.idempotencyKey,
          })
        : `order:${id}`
    const order = Order.create({
      id,
      userId: input.userId,
      lines,
      ...(input.shippingAddress ? { shippingAddress: input.shippingAddress } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      dedupeKey,
      now: this.ctx.clock.now(),
      actor: input.actor,
    })
    const events = toOutboxEvents(this.ctx, order.pullEvents(), order.toView(), input.requestId)
    const result = await this.ctx.orders.insert(order.toPrimitives(), events)
    // A retry under the key of an order deleted since finds nothing to return, like a GET would.
    if (!result.created && result.order.deletedAt) throw notFound('order')
    return { order: orderViewOf(result.order), created: result.created }
  }

  async get(input: { actor: Actor; orderId: string }): Promise<OrderView> {
    return orderViewOf(await this.findVisible(input.actor, input.orderId))
  }

  async list(input: ListOrdersInput): Promise<OrderPage> {
    const limit = input.limit ?? LIMITS.defaultPageSize
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.maxPageSize) {
      throw new OrderServiceError(
        'MALFORMED_REQUEST',
        `limit must be an integer from 1 to ${LIMITS.maxPageSize}`,
      )
    }
    let userId = input.userId
    if (!isPrivileged(input.actor)) {
      if (userId !== undefined && userId !== input.actor.userId) {
        throw new OrderServiceError('FORBIDDEN', 'customers may only list their own orders')
      }
      userId = input.actor.userId
    }
    const after = input.cursor !== undefined ? decodeCursor(input.cursor) : undefined
    const found = await this.ctx.orders.list({
      limit: limit + 1,
      ...(userId !== undefined ? { userId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(after ? { after } : {}),
    })
    const items = found.slice(0, limit).map(orderViewOf)
    const last = items[items.length - 1]
    const nextCursor =
      found.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null
    return { items, nextCursor }
  }

  async update(
    input: OrderTarget & { changes: { lines?: RequestedLine[]; shippingAddress?: Address; note?: string } },
  ): Promise<OrderView> {
    const { lines: requested, ...rest } = input.changes
    const changes: OrderChanges = { ...rest }
    // Priced once the order is known to be visible, current and Pending (404, 412, 409 before any 422
    // or 503 of the product lookup), and once only: a retried attempt reuses the prices.
    let priced: Promise<OrderChanges['lines']> | undefined
    return this.mutate(input, (order, now) => order.update(changes, now), {
      prepare: async (order) => {
        order.assertUpdatable()
        if (requested) {
          priced ??= this.price(requested)
          changes.lines = await priced
        }
      },
    })
  }

  async changeStatus(input: OrderTarget & { status: OrderStatus; reason?: string }): Promise<OrderView> {
    return this.mutate(
      input,
      (order, now) => order.transition(input.status, { actor: input.actor, now, ...reasonOf(input) }),
      { authorize: () => assertPrivileged(input.actor, 'change order statuses') },
    )
  }

  async cancel(input: OrderTarget & { reason?: string }): Promise<OrderView> {
    return this.mutate(
      input,
      (order, now) => order.transition('Cancelled', { actor: input.actor, now, ...reasonOf(input) }),
      {
        authorize: (order) => {
          if (!isPrivileged(input.actor) && order.status === 'Processing') {
            throw new OrderServiceError('FORBIDDEN', 'customers may only cancel Pending orders')
          }
        },
      },
    )
  }

  /**
   * A checkout that made this order and crashed before emptying the cart is completed first, once the
   * delete is known to be allowed (version, then status).
   */
  async delete(input: OrderTarget): Promise<void> {
    await this.mutate(input, (order, now) => order.markDeleted(now), {
      prepare: async (order) => {
        order.assertDeletable()
        await this.checkout.completeCheckoutOf(order, input.requestId)
      },
    })
  }

  /**
   * Loads the order (404 unless visible), then `authorize` (403), the If-Match check (412), `prepare`,
   * and `change`; on every attempt. The order of checks is DESIGN §5's: ownership, role, then the rest.
   * Every change appends events, deletes included: on an order whose outbox is full (the broker is down)
   * it answers DEPENDENCY_UNAVAILABLE at once, without retrying (`OutboxFullError`).
   */
  private async mutate(
    target: OrderTarget,
    change: (order: Order, now: Date) => void,
    steps: { authorize?: (order: Order) => void; prepare?: (order: Order) => Promise<void> } = {},
  ): Promise<OrderView> {
    const saved = await withWriteRetries(this.ctx, target.expectedVersion, async () => {
      const order = await this.loadVisible(target.actor, target.orderId)
      steps.authorize?.(order)
      assertExpectedVersion(order.version, target.expectedVersion)
      await steps.prepare?.(order)
      const before = order.version
      change(order, this.ctx.clock.now())
      const view = order.toView()
      const events = toOutboxEvents(this.ctx, order.pullEvents(), view, target.requestId)
      const ok = await this.ctx.orders
        .update(order.toPrimitives(), { expectedVersion: before, events })
        .catch((error: unknown) => {
          // A full outbox is a 503 as it is (OutboxFullError), never a lost race to retry.
          if (isOutboxFull(error)) this.ctx.telemetry.count('order_outbox_full')
          throw error
        })
      return ok ? view : LOST_RACE
    })
    return saved
  }

  private async loadVisible(actor: Actor, orderId: string): Promise<Order> {
    return Order.fromPrimitives(await this.findVisible(actor, orderId))
  }

  /** The stored order when the actor may see it (404 otherwise), as the repository returned it. */
  private async findVisible(actor: Actor, orderId: string): Promise<OrderPrimitives> {
    assertId(orderId, 'orderId')
    const stored = await this.ctx.orders.findById(orderId)
    if (!stored || stored.deletedAt !== null) throw new OrderServiceError('NOT_FOUND', 'order not found')
    assertCanSee(actor, stored.userId, 'order')
    return stored
  }

  private async price(requested: RequestedLine[]) {
    if (requested.length === 0)
      throw validationFailed([{ path: 'lines', message: 'must have at least one line' }])
    const lines = mergeLines(requested)
    lines.forEach((line, i) => {
      assertId(line.productId, `lines.${i}.productId`)
      assertQuantity(line.quantity, `lines.${i}.quantity`)
    })
    if (lines.length > LIMITS.maxOrderLines) {
      throw new OrderServiceError('CART_LIMIT_EXCEEDED', `at most ${LIMITS.maxOrderLines} lines per order`)
    }
    return priceLines(lines, await this.lookup.getMany(lines.map((l) => l.productId)))
  }
}

function reasonOf(input: { reason?: string }): { reason?: string } {
  return input.reason !== undefined ? { reason: input.reason } : {}
}
