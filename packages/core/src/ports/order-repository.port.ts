import type { OutboxEvent } from '../domain/events.js'
import type { OrderPrimitives } from '../domain/order.js'
import type { OrderStatus } from '../domain/order-status.js'

/** Position after which a page starts: the last item of the previous page. */
export interface OrderCursor {
  createdAt: string
  id: string
}

export interface OrderListQuery {
  /** Omitted: all users. */
  userId?: string
  status?: OrderStatus
  /** 1..100. */
  limit: number
  after?: OrderCursor
}

export interface InsertOrderResult {
  /** false when an order with the same `dedupeKey` already existed; `order` is then that one. */
  created: boolean
  order: OrderPrimitives
}

export interface ClaimedOutbox {
  orderId: string
  /** Unpublished events of the order, oldest first. */
  events: OutboxEvent[]
}

export interface ClaimOutboxOptions {
  /** Identifies the claimer (instance id); informative. */
  owner: string
  /** Most orders to claim. */
  limit: number
  /** While the lease runs no other claimer gets these orders; after it, they are due again. */
  leaseMs: number
}

export interface OutboxBacklog {
  /** Unpublished events over all orders. */
  events: number
  /** `time` of the oldest unpublished event, or null. */
  oldestEventAt: string | null
}

/**
 * Orders, each one document with its outbox embedded: an order change and the events it causes
 * are written in one atomic single-document write. Every order it returns is the caller's own: a
 * fresh object, or (from `insert`) the one it was given; the core builds views from them without
 * copying again.
 */
export interface OrderRepository {
  /**
   * Inserts a new order (version 1) with its first outbox events.
   * Idempotent on `dedupeKey`: when an order with that key exists, nothing is written and the
   * existing one is returned with `created: false`. A duplicate `id` with another dedupeKey throws
   * CONCURRENT_UPDATE.
   */
  insert(order: OrderPrimitives, events: readonly OutboxEvent[]): Promise<InsertOrderResult>

  /** The order, soft-deleted ones included (check `deletedAt`); null when unknown. */
  findById(id: string): Promise<OrderPrimitives | null>

  /** The order with this dedupe key, or null. */
  findByDedupeKey(dedupeKey: string): Promise<OrderPrimitives | null>

  /**
   * Orders newest first by (`createdAt` desc, `id` desc), strictly after `after`, deleted ones left
   * out. Keyset pagination: pages neither skip nor repeat while orders arrive, change or are deleted; an order
   * created with a `createdAt` older than a cursor already handed out (a checkout completed after its lease keeps
   * the mark's time; instances with skewed clocks) is not on that listing's later pages.
   */
  list(query: OrderListQuery): Promise<OrderPrimitives[]>

  /**
   * Replaces the order with `order` and appends `events` to its outbox, in one write, only if the
   * stored version equals `expectedVersion` (`order.version` is expected to be higher).
   * Returns false, writing nothing, when the version is stale or the order is unknown.
   *
   * Bounded outbox: when `events` is not empty and the order's outbox already holds the adapter's
   * `maxPendingEvents` (default `DEFAULT_MAX_PENDING_EVENTS`) unpublished events, throws
   * `OutboxFullError` (DEPENDENCY_UNAVAILABLE) and writes nothing. The check is part of the same
   * conditional write (of concurrent writers, never more pass than fit); a write that passes appends
   * all its events, so an outbox holds at most `maxPendingEvents` + `events.length` - 1. `insert`,
   * updates without events and `markPublished` are never refused.
   */
  update(
    order: OrderPrimitives,
    options: { expectedVersion: number; events: readonly OutboxEvent[] },
  ): Promise<boolean>

  /**
   * Claims orders with unpublished events that are due (never claimed, or lease expired), marks
   * them leased for `leaseMs`, and returns their events. Two concurrent claimers never get the same
   * order while a lease runs. Does not change `version`.
   */
  claimOutbox(options: ClaimOutboxOptions): Promise<ClaimedOutbox[]>

  /**
   * Removes the given events from the order's outbox (unknown ids are ignored) and makes the order
   * due again at once if events remain, unless a relay other than `owner` (the one that claimed them)
   * holds a running lease on it since: that lease is kept. Never changes `version`; idempotent.
   */
  markPublished(orderId: string, eventIds: readonly string[], owner: string): Promise<void>

  /** Size and age of the unpublished backlog, for metrics. */
  outboxBacklog(): Promise<OutboxBacklog>

  /**
   * Removes up to `limit` orders deleted before `deletedBefore` (ISO time) whose outbox is empty;
   * returns how many.
   */
  purgeDeleted(options: { limit: number; deletedBefore: string }): Promise<number>
}
