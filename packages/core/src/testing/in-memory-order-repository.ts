import { OrderServiceError, OutboxFullError } from '../domain/errors.js'
import type { OutboxEvent } from '../domain/events.js'
import type { OrderPrimitives } from '../domain/order.js'
import { maxPendingEventsOf } from '../domain/outbox-limit.js'
import { plainCopy } from '../domain/plain-copy.js'
import type { Clock } from '../ports/clock.port.js'
import type { OrderRepository } from '../ports/order-repository.port.js'
import { FailureInjector } from './failure-injector.js'

interface StoredOrder {
  order: OrderPrimitives
  outbox: OutboxEvent[]
  /** Epoch ms until which the outbox is leased; null when due now (or empty). */
  leasedUntil: number | null
  /** The relay holding (or that last held) the lease. */
  leaseOwner: string | null
}

export interface InMemoryOrderRepository extends OrderRepository {
  readonly failures: FailureInjector
}

const newestFirst = (a: OrderPrimitives, b: OrderPrimitives): number =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1

export interface InMemoryOrderRepositoryOptions {
  clock?: Clock
  /** Unpublished events one order may hold before `update` refuses to append (see the port). @default 100 */
  maxPendingEvents?: number
}

/**
 * Orders in a Map with a unique dedupe-key index, version-conditional updates and an embedded
 * outbox with leases, bounded by `maxPendingEvents`. Limits: one process only; list() sorts on every
 * call (fine for tests).
 */
export function inMemoryOrderRepository(
  options: InMemoryOrderRepositoryOptions = {},
): InMemoryOrderRepository {
  const clock = options.clock ?? { now: () => new Date() }
  const maxPendingEvents = maxPendingEventsOf(options.maxPendingEvents, 'memory')
  const orders = new Map<string, StoredOrder>()
  const byDedupeKey = new Map<string, string>()
  const failures = new FailureInjector()
  const copy = (o: OrderPrimitives) => plainCopy(o)

  return {
    failures,
    async insert(order, events) {
      failures.check('insert', true)
      const existingId = byDedupeKey.get(order.dedupeKey)
      if (existingId) return { created: false, order: copy(orders.get(existingId)!.order) }
      if (orders.has(order.id)) {
        throw new OrderServiceError('CONCURRENT_UPDATE', `[orders] [memory] duplicate order id ${order.id}`)
      }
      orders.set(order.id, {
        order: copy(order),
        outbox: plainCopy([...events]),
        leasedUntil: null,
        leaseOwner: null,
      })
      byDedupeKey.set(order.dedupeKey, order.id)
      return { created: true, order: copy(order) }
    },
    async findById(id) {
      failures.check('findById', false)
      const stored = orders.get(id)
      return stored ? copy(stored.order) : null
    },
    async findByDedupeKey(dedupeKey) {
      failures.check('findByDedupeKey', false)
      const id = byDedupeKey.get(dedupeKey)
      return id ? copy(orders.get(id)!.order) : null
    },
    async list({ userId, status, limit, after }) {
      failures.check('list', false)
      return [...orders.values()]
        .map((s) => s.order)
        .filter((o) => o.deletedAt === null)
        .filter((o) => userId === undefined || o.userId === userId)
        .filter((o) => status === undefined || o.status === status)
        .filter((o) => !after || newestFirst(o, { ...o, createdAt: after.createdAt, id: after.id }) > 0)
        .sort(newestFirst)
        .slice(0, limit)
        .map(copy)
    },
    async update(order, { expectedVersion, events }) {
      failures.check('update', true)
      const stored = orders.get(order.id)
      if (!stored || stored.order.version !== expectedVersion) return false
      if (events.length > 0 && stored.outbox.length >= maxPendingEvents) {
        throw new OutboxFullError(order.id, maxPendingEvents)
      }
      stored.order = copy(order)
      stored.outbox.push(...plainCopy([...events]))
      return true
    },
    async claimOutbox({ owner, limit, leaseMs }) {
      failures.check('claimOutbox', true)
      const now = clock.now().getTime()
      const due = [...orders.values()]
        .filter((s) => s.outbox.length > 0 && (s.leasedUntil === null || s.leasedUntil <= now))
        .sort((a, b) => (a.outbox[0]!.time < b.outbox[0]!.time ? -1 : 1))
        .slice(0, limit)
      for (const s of due) {
        s.leasedUntil = now + leaseMs
        s.leaseOwner = owner
      }
      return due.map((s) => ({ orderId: s.order.id, events: plainCopy(s.outbox) }))
    },
    async markPublished(orderId, eventIds, owner) {
      failures.check('markPublished', true)
      const stored = orders.get(orderId)
      if (!stored) return
      stored.outbox = stored.outbox.filter((e) => !eventIds.includes(e.id))
      const leasedByAnother =
        stored.leaseOwner !== owner &&
        stored.leasedUntil !== null &&
        stored.leasedUntil > clock.now().getTime()
      if (stored.outbox.length === 0 || !leasedByAnother) stored.leasedUntil = null
    },
    async outboxBacklog() {
      failures.check('outboxBacklog', false)
      const events = [...orders.values()].flatMap((s) => s.outbox)
      const oldest = events.reduce<string | null>(
        (min, e) => (min === null || e.time < min ? e.time : min),
        null,
      )
      return { events: events.length, oldestEventAt: oldest }
    },
    async purgeDeleted({ limit, deletedBefore }) {
      failures.check('purgeDeleted', true)
      const purgeable = [...orders.values()].filter(
        (s) => s.order.deletedAt !== null && s.order.deletedAt < deletedBefore && s.outbox.length === 0,
      )
      for (const s of purgeable.slice(0, limit)) {
        orders.delete(s.order.id)
        byDedupeKey.delete(s.order.dedupeKey)
      }
      return Math.min(purgeable.length, limit)
    },
  }
}
