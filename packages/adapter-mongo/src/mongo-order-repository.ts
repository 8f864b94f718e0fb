import {
  maxPendingEventsOf,
  type OrderPrimitives,
  type OrderRepository,
  OrderServiceError,
  type OutboxEvent,
  OutboxFullError,
} from '@orders/core'
import { guarded, isDuplicateKey } from './errors.js'
import { assertInteger, assertPlainString, assertSafeKeys } from './guards.js'
import { mongoOrderOutbox } from './mongo-order-outbox.js'
import { type MongoRepositoryOptions, systemClock } from './options.js'
import { fromOrderDocument, ORDER_PROJECTION, orderFields, outboxFields } from './order-documents.js'
import { type OrderDocument, orderModel } from './schemas/order.schema.js'
import { writeLocks } from './write-locks.js'

const MAX_OUTBOX_RACES = 20

const duplicateId = (id: string, cause: unknown, what = 'duplicate order id') =>
  new OrderServiceError('CONCURRENT_UPDATE', `[orders] [mongo] ${what} ${id}`, { cause })

export interface MongoOrderRepositoryOptions extends MongoRepositoryOptions {
  /**
   * Unpublished events one order may hold before `update` refuses to append more (`OutboxFullError`,
   * 503): keeps a document far from the 16 MB limit while the broker is down. @default 100
   */
  maxPendingEvents?: number
}

/**
 * Orders in MongoDB with the outbox embedded: an order change and its events are one
 * single-document write, conditional on `version` (and on `outboxRev` when events are appended, so
 * a concurrent claim or publish is never overwritten, and the outbox bound is checked against the
 * very outbox the write replaces).
 * @example
 * const orders = mongoOrderRepository({ connection, maxPendingEvents: 100 })
 * const { created, order } = await orders.insert(order, events)
 */
export function mongoOrderRepository(options: MongoOrderRepositoryOptions): OrderRepository {
  const model = orderModel(options.connection)
  const maxPendingEvents = maxPendingEventsOf(options.maxPendingEvents, 'mongo')
  const clock = options.clock ?? systemClock
  const writes = writeLocks(options.connection, options.writeLocks)
  const session = options.session ? { session: options.session } : {}

  const findOne = (filter: Record<string, string>) =>
    guarded(() =>
      model
        .findOne(filter, ORDER_PROJECTION, { ...session, sanitizeFilter: true })
        .lean<OrderDocument>()
        .exec(),
    )

  /**
   * In a transaction a failed write aborts it, so nothing may be read after an E11000: look the
   * dedupe key up first. A duplicate key that still happens (an id taken, or a concurrent checkout
   * committed since the transaction's snapshot) is CONCURRENT_UPDATE, which aborts the transaction;
   * a write conflict with an uncommitted one passes through labelled and `withTransaction` retries.
   */
  const insertInTransaction = async (order: OrderPrimitives, doc: Record<string, unknown>) => {
    const existing = await findOne({ dedupeKey: order.dedupeKey })
    if (existing) return { created: false, order: fromOrderDocument(existing) }
    try {
      await guarded(() => model.create([doc], session))
      return { created: true, order }
    } catch (error) {
      if (isDuplicateKey(error)) throw duplicateId(order.id, error, 'duplicate order id or dedupe key, order')
      throw error
    }
  }

  const assertEvents = (events: readonly OutboxEvent[]) => {
    events.forEach((e, i) => {
      assertPlainString(e.id, `events[${i}].id`)
    })
    assertSafeKeys(events, 'events')
  }

  return {
    async insert(order, events) {
      assertPlainString(order.id, 'order.id')
      assertPlainString(order.dedupeKey, 'order.dedupeKey')
      assertSafeKeys(order, 'order')
      assertEvents(events)
      const doc = {
        _id: order.id,
        ...orderFields(order),
        ...outboxFields(events, clock.now().toISOString()),
        outboxRev: 0,
        leaseOwner: null,
      }
      if (options.session) return insertInTransaction(order, doc)
      try {
        await guarded(() => model.create([doc], session))
        return { created: true, order }
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
        // FerretDB names no index in E11000: tell a dedupe hit from a duplicate id by looking.
        const existing = await findOne({ dedupeKey: order.dedupeKey })
        if (existing) return { created: false, order: fromOrderDocument(existing) }
        throw duplicateId(order.id, error)
      }
    },

    async findById(id) {
      assertPlainString(id, 'id')
      const doc = await findOne({ _id: id })
      return doc ? fromOrderDocument(doc) : null
    },

    async findByDedupeKey(dedupeKey) {
      assertPlainString(dedupeKey, 'dedupeKey')
      const doc = await findOne({ dedupeKey })
      return doc ? fromOrderDocument(doc) : null
    },

    async list({ userId, status, limit, after }) {
      assertInteger(limit, 'limit')
      const filter: Record<string, unknown> = { deletedAt: null }
      if (userId !== undefined) {
        assertPlainString(userId, 'userId')
        filter.userId = userId
      }
      if (status !== undefined) {
        assertPlainString(status, 'status')
        filter.status = status
      }
      if (after) {
        assertPlainString(after.createdAt, 'after.createdAt')
        assertPlainString(after.id, 'after.id')
        filter.$or = [
          { createdAt: { $lt: after.createdAt } },
          { createdAt: after.createdAt, _id: { $lt: after.id } },
        ]
      }
      const docs = await guarded(() =>
        model
          .find(filter, ORDER_PROJECTION, session)
          .sort({ createdAt: -1, _id: -1 })
          .limit(limit)
          .lean<OrderDocument[]>()
          .exec(),
      )
      return docs.map(fromOrderDocument)
    },

    async update(order, { expectedVersion, events }) {
      assertPlainString(order.id, 'order.id')
      assertInteger(expectedVersion, 'expectedVersion')
      assertSafeKeys(order, 'order')
      assertEvents(events)
      const fields = orderFields(order)
      const unset: Record<string, 1> = {}
      if (order.shippingAddress === undefined) unset.shippingAddress = 1
      if (order.note === undefined) unset.note = 1
      const withUnset = (set: Record<string, unknown>) =>
        Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set }
      if (events.length === 0) {
        const result = await writes.run(`orders:${order.id}`, (bound) =>
          guarded(() =>
            model
              .updateOne({ _id: order.id, version: expectedVersion }, withUnset(fields), {
                ...session,
                ...bound,
              })
              .exec(),
          ),
        )
        return result.matchedCount === 1
      }
      for (let attempt = 0; attempt < MAX_OUTBOX_RACES; attempt += 1) {
        const current = await guarded(() =>
          model
            .findById(order.id, { version: 1, outbox: 1, outboxRev: 1, outboxDueAt: 1 }, session)
            .lean<Pick<OrderDocument, 'version' | 'outbox' | 'outboxRev' | 'outboxDueAt'>>()
            .exec(),
        )
        if (!current || current.version !== expectedVersion) return false
        // Atomic with the write below: it matches only this `outboxRev`, which every outbox change bumps,
        // so a refused or a passing check was made on the outbox the write would have replaced.
        if (current.outbox.length >= maxPendingEvents) throw new OutboxFullError(order.id, maxPendingEvents)
        const outbox = [...(current.outbox as OutboxEvent[]), ...events]
        // A running lease keeps its end; a drained outbox becomes due now.
        const dueAt = current.outboxDueAt ?? clock.now().toISOString()
        const result = await writes.run(`orders:${order.id}`, (bound) =>
          guarded(() =>
            model
              .updateOne(
                { _id: order.id, version: expectedVersion, outboxRev: current.outboxRev },
                withUnset({ ...fields, ...outboxFields(outbox, dueAt), outboxRev: current.outboxRev + 1 }),
                { ...session, ...bound },
              )
              .exec(),
          ),
        )
        if (result.matchedCount === 1) return true
      }
      throw new OrderServiceError('CONCURRENT_UPDATE', `[orders] [mongo] outbox of ${order.id} kept changing`)
    },

    ...mongoOrderOutbox({ model, clock, writes, session }),
  }
}
