import { type Clock, type OrderRepository, OrderServiceError, type OutboxEvent } from '@orders/core'
import type { ClientSession, Model } from 'mongoose'
import { guarded } from './errors.js'
import { assertInteger, assertPlainString } from './guards.js'
import { outboxFields } from './order-documents.js'
import type { OrderDocument } from './schemas/order.schema.js'
import type { WriteLockGuard } from './write-locks.js'

type OutboxMethods = Pick<OrderRepository, 'claimOutbox' | 'markPublished' | 'outboxBacklog' | 'purgeDeleted'>

interface OutboxContext {
  model: Model<OrderDocument>
  clock: Clock
  writes: WriteLockGuard
  session: { session?: ClientSession }
}

type OutboxState = Pick<OrderDocument, '_id' | 'outbox' | 'outboxRev' | 'outboxDueAt' | 'leaseOwner'>
const OUTBOX_STATE = { outbox: 1, outboxRev: 1, outboxDueAt: 1, leaseOwner: 1 } as const

/** markPublished re-reads and retries a lost `outboxRev` race this many times, pausing in between. */
const MAX_PUBLISH_RACES = 20
const RACE_PAUSE_MS = 10
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The relay side of the embedded outbox. A claim moves `outboxDueAt` to the end of a lease with a
 * write conditional on `outboxRev`, so of two claimers only one gets an order; events are removed
 * (never the order's `version` touched) once published, and the order is due again if any remain.
 */
export function mongoOrderOutbox({ model, clock, writes, session }: OutboxContext): OutboxMethods {
  return {
    async claimOutbox({ owner, limit, leaseMs }) {
      assertPlainString(owner, 'owner')
      assertInteger(limit, 'limit')
      assertInteger(leaseMs, 'leaseMs')
      const now = clock.now()
      const candidates = await guarded(() =>
        model
          .find({ outboxDueAt: { $lte: now.toISOString() } }, OUTBOX_STATE, session)
          .sort({ outboxDueAt: 1 })
          .limit(limit)
          .lean<OutboxState[]>()
          .exec(),
      )
      const leaseEnd = new Date(now.getTime() + leaseMs).toISOString()
      const claimed = await Promise.all(
        candidates.map(async (c) => {
          const result = await writes.run(`orders:${c._id}`, (bound) =>
            guarded(() =>
              model
                .updateOne(
                  { _id: c._id, outboxRev: c.outboxRev },
                  { $set: { outboxDueAt: leaseEnd, leaseOwner: owner, outboxRev: c.outboxRev + 1 } },
                  { ...session, ...bound },
                )
                .exec(),
            ),
          )
          if (result.matchedCount !== 1) return null
          return { orderId: c._id, events: c.outbox as OutboxEvent[] }
        }),
      )
      return claimed.filter((c) => c !== null)
    },

    async markPublished(orderId, eventIds, owner) {
      assertPlainString(orderId, 'orderId')
      assertPlainString(owner, 'owner')
      const published = new Set(eventIds)
      for (let attempt = 0; attempt < MAX_PUBLISH_RACES; attempt += 1) {
        if (attempt > 0) await sleep(RACE_PAUSE_MS * (1 + Math.random()))
        const current = await guarded(() =>
          model.findById(orderId, OUTBOX_STATE, session).lean<OutboxState>().exec(),
        )
        if (!current) break
        const remaining = (current.outbox as OutboxEvent[]).filter((e) => !published.has(e.id))
        const now = clock.now().toISOString()
        // A lease another relay took since ours keeps its owner and end: making the order due now
        // would let a third relay publish its events while that one still is.
        const othersLease =
          current.leaseOwner != null &&
          current.leaseOwner !== owner &&
          current.outboxDueAt != null &&
          current.outboxDueAt > now
        const lease =
          othersLease && remaining.length > 0
            ? { ...outboxFields(remaining, current.outboxDueAt as string), leaseOwner: current.leaseOwner }
            : { ...outboxFields(remaining, now), leaseOwner: null }
        const result = await writes.run(`orders:${orderId}`, (bound) =>
          guarded(() =>
            model
              .updateOne(
                { _id: orderId, outboxRev: current.outboxRev },
                { $set: { ...lease, outboxRev: current.outboxRev + 1 } },
                { ...session, ...bound },
              )
              .exec(),
          ),
        )
        if (result.matchedCount === 1) break
        if (attempt === MAX_PUBLISH_RACES - 1) {
          throw new OrderServiceError(
            'CONCURRENT_UPDATE',
            `[orders] [mongo] outbox of ${orderId} kept changing: events not marked published`,
          )
        }
      }
    },

    async outboxBacklog() {
      // `$sum` over a maintained count: FerretDB v1 has neither `$size` nor a `$min` accumulator.
      const [totals] = await guarded(() =>
        model
          .aggregate<{ events: number }>([
            { $match: { outboxDueAt: { $ne: null } } },
            { $group: { _id: null, events: { $sum: '$outboxCount' } } },
          ])
          .session(session.session ?? null)
          .exec(),
      )
      const oldest = await guarded(() =>
        model
          .findOne({ outboxDueAt: { $ne: null } }, { outboxOldestAt: 1 }, session)
          .sort({ outboxOldestAt: 1 })
          .lean<Pick<OrderDocument, 'outboxOldestAt'>>()
          .exec(),
      )
      return { events: totals?.events ?? 0, oldestEventAt: oldest?.outboxOldestAt ?? null }
    },

    async purgeDeleted({ limit, deletedBefore }) {
      assertInteger(limit, 'limit')
      assertPlainString(deletedBefore, 'deletedBefore')
      // Deleted long enough ago and drained: what a TTL index would remove on MongoDB, done by the worker here.
      const purgeable = { deletedAt: { $ne: null, $lt: deletedBefore }, outboxDueAt: null }
      const ids = await guarded(() =>
        model.find(purgeable, { _id: 1 }, session).limit(limit).lean<{ _id: string }[]>().exec(),
      )
      if (ids.length === 0) return 0
      // No lock: nothing writes a deleted order whose outbox is drained.
      const result = await guarded(() =>
        model.deleteMany({ ...purgeable, _id: { $in: ids.map((d) => d._id) } }, session).exec(),
      )
      return result.deletedCount
    },
  }
}
