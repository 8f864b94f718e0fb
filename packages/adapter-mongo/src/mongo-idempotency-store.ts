import { type Clock, type IdempotencyRecord, type IdempotencyStore, OrderServiceError } from '@orders/core'
import { guarded, isDuplicateKey } from './errors.js'
import { assertInteger, assertPlainString, assertSafeKeys } from './guards.js'
import { type MongoRepositoryOptions, systemClock } from './options.js'
import { type IdempotencyDocument, idempotencyModel } from './schemas/idempotency.schema.js'
import { writeLocks } from './write-locks.js'

const MAX_TAKEOVER_RACES = 10

function fromDocument(doc: IdempotencyDocument): IdempotencyRecord {
  return {
    userId: doc.userId,
    key: doc.key,
    fingerprint: doc.fingerprint,
    state: doc.state,
    response: (doc.response ?? null) as IdempotencyRecord['response'],
    expiresAt: doc.expiresAt,
    lockedUntil: doc.lockedUntil,
    claimId: doc.claimId ?? '',
  }
}

/** Expired, or abandoned in progress by an earlier run of this same request (same fingerprint). */
const canTakeOver = (doc: IdempotencyDocument, claim: IdempotencyRecord, now: string) =>
  doc.expiresAt <= now ||
  (doc.state === 'in_progress' && doc.lockedUntil <= now && doc.fingerprint === claim.fingerprint)

/**
 * Idempotency records, unique on `{userId, key}`. A claim inserts; if a record exists but has
 * expired or was abandoned by the same request, it is taken over by a replace conditional on its `_id`
 * and `rev`, so exactly one of concurrent claimers wins (`_id` tells a record deleted and re-created
 * meanwhile, whose `rev` starts again at 0, from the one that was read). `complete` and `release` match the claim's `claimId` too, so a request
 * that outlived its lock cannot touch the record of the claim that took over. Expired records are
 * removed by `purgeExpired` (no TTL index on FerretDB).
 * @example
 * const store = mongoIdempotencyStore({ connection })
 * const result = await store.claim(record)
 */
export function mongoIdempotencyStore(options: MongoRepositoryOptions): IdempotencyStore {
  const model = idempotencyModel(options.connection)
  const clock: Clock = options.clock ?? systemClock
  const writes = writeLocks(options.connection, options.writeLocks)
  const session = options.session ? { session: options.session } : {}

  const lockKey = (userId: string, key: string) => `idempotency:${JSON.stringify([userId, key])}`
  const assertScope = (userId: unknown, key: unknown) => {
    assertPlainString(userId, 'userId')
    assertPlainString(key, 'key')
  }
  const find = (userId: string, key: string) =>
    guarded(() =>
      model
        .findOne({ userId, key }, null, { ...session, sanitizeFilter: true })
        .lean<IdempotencyDocument>()
        .exec(),
    )

  return {
    async claim(record) {
      assertScope(record.userId, record.key)
      assertSafeKeys(record, 'record')
      for (let attempt = 0; attempt < MAX_TAKEOVER_RACES; attempt += 1) {
        try {
          await guarded(() => model.create([{ ...record, rev: 0 }], session))
          return { claimed: true }
        } catch (error) {
          if (!isDuplicateKey(error)) throw error
        }
        const existing = await find(record.userId, record.key)
        if (!existing) continue
        if (!canTakeOver(existing, record, clock.now().toISOString()))
          return { claimed: false, existing: fromDocument(existing) }
        const { _id } = existing as IdempotencyDocument & { _id: unknown }
        const result = await writes.run(lockKey(record.userId, record.key), (bound) =>
          guarded(() =>
            model
              .replaceOne(
                { _id, userId: record.userId, key: record.key, rev: existing.rev },
                { ...record, rev: existing.rev + 1 },
                { ...session, ...bound },
              )
              .exec(),
          ),
        )
        if (result.matchedCount === 1) return { claimed: true }
      }
      throw new OrderServiceError(
        'CONCURRENT_UPDATE',
        `[orders] [mongo] idempotency key ${record.key} kept changing hands`,
      )
    },

    async complete({ userId, key, claimId }, response) {
      assertScope(userId, key)
      assertPlainString(claimId, 'claimId')
      assertInteger(response.status, 'response.status')
      assertSafeKeys(response, 'response')
      const result = await writes.run(lockKey(userId, key), (bound) =>
        guarded(() =>
          model
            .updateOne(
              { userId, key, claimId },
              { $set: { state: 'done', response }, $inc: { rev: 1 } },
              { ...session, ...bound },
            )
            .exec(),
        ),
      )
      return result.matchedCount === 1
    },

    async release({ userId, key, claimId }) {
      assertScope(userId, key)
      assertPlainString(claimId, 'claimId')
      await writes.run(lockKey(userId, key), (bound) =>
        guarded(() =>
          model.deleteOne({ userId, key, claimId, state: 'in_progress' }, { ...session, ...bound }).exec(),
        ),
      )
    },

    async purgeExpired({ limit }) {
      assertInteger(limit, 'limit')
      const expired = { expiresAt: { $lte: clock.now().toISOString() } }
      const found = await guarded(() =>
        model
          .find(expired, { _id: 1, userId: 1, key: 1 }, session)
          .limit(limit)
          .lean<Pick<IdempotencyDocument, 'userId' | 'key'>[]>()
          .exec(),
      )
      if (found.length === 0) return 0
      if (!(await writes.enabled())) {
        const ids = found.map((d) => (d as { _id?: unknown })._id)
        return (await guarded(() => model.deleteMany({ ...expired, _id: { $in: ids } }, session).exec()))
          .deletedCount
      }
      // With write locks (FerretDB) one by one: a takeover may be replacing an expired record right now.
      let purged = 0
      for (const record of found) {
        const result = await writes.run(lockKey(record.userId, record.key), (bound) =>
          guarded(() =>
            model
              .deleteOne({ ...expired, userId: record.userId, key: record.key }, { ...session, ...bound })
              .exec(),
          ),
        )
        purged += result.deletedCount
      }
      return purged
    },
  }
}
