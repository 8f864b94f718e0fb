import { plainCopy } from '../domain/plain-copy.js'
import type { Clock } from '../ports/clock.port.js'
import type { IdempotencyRecord, IdempotencyStore } from '../ports/idempotency-store.port.js'
import { FailureInjector } from './failure-injector.js'

export interface InMemoryIdempotencyStore extends IdempotencyStore {
  readonly failures: FailureInjector
}

/** Idempotency records keyed by `{userId, key}` with real expiry against the clock. */
export function inMemoryIdempotencyStore(options: { clock?: Clock } = {}): InMemoryIdempotencyStore {
  const clock = options.clock ?? { now: () => new Date() }
  const records = new Map<string, IdempotencyRecord>()
  const failures = new FailureInjector()
  const id = (userId: string, key: string) => JSON.stringify([userId, key])
  const isExpired = (r: IdempotencyRecord, now: number) => Date.parse(r.expiresAt) <= now

  return {
    failures,
    async claim(record) {
      failures.check('claim', true)
      const now = clock.now().getTime()
      const existing = records.get(id(record.userId, record.key))
      const abandonedByThisRequest =
        existing?.state === 'in_progress' &&
        Date.parse(existing.lockedUntil) <= now &&
        existing.fingerprint === record.fingerprint
      if (existing && !isExpired(existing, now) && !abandonedByThisRequest) {
        return { claimed: false, existing: plainCopy(existing) }
      }
      records.set(id(record.userId, record.key), plainCopy(record))
      return { claimed: true }
    },
    async complete(claim, response) {
      failures.check('complete', true)
      const record = records.get(id(claim.userId, claim.key))
      if (record === undefined || record.claimId !== claim.claimId) return false
      record.state = 'done'
      record.response = plainCopy(response)
      return true
    },
    async release(claim) {
      failures.check('release', true)
      const record = records.get(id(claim.userId, claim.key))
      if (record?.state === 'in_progress' && record.claimId === claim.claimId) {
        records.delete(id(claim.userId, claim.key))
      }
    },
    async purgeExpired({ limit }) {
      failures.check('purgeExpired', true)
      const now = clock.now().getTime()
      let purged = 0
      for (const [k, r] of records) {
        if (purged >= limit) break
        if (isExpired(r, now)) {
          records.delete(k)
          purged += 1
        }
      }
      return purged
    },
  }
}
