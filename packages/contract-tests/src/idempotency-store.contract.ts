import type { IdempotencyRecord, IdempotencyStore } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { anIdempotencyRecord } from './builders/idempotency-builders.js'
import { adapterUnderTest, type ContractOptions } from './contract-options.js'

const HOUR_MS = 3_600_000
const LOCK_MS = 30_000

/** Purges until nothing expired is left (the store may hold other tests' records); returns the total. */
async function purgeAll(store: IdempotencyStore): Promise<number> {
  let total = 0
  for (let round = 0; round < 20; round += 1) {
    const purged = await store.purgeExpired({ limit: 100 })
    total += purged
    if (purged === 0) break
  }
  return total
}

/**
 * The IdempotencyStore contract (see the port's JSDoc). The store must read "now" from `env.clock`.
 * @example
 * describeIdempotencyStoreContract({ name: 'mongo', create: ({ clock }) => mongoIdempotencyStore({ connection, clock }) })
 */
export function describeIdempotencyStoreContract(options: ContractOptions<IdempotencyStore>): void {
  describe(`${options.name} IdempotencyStore contract`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup)
    /** A record claimed now, expiring in `expiresInMs`, locked for 30 s. */
    const aRecord = (overrides: Partial<IdempotencyRecord> = {}, expiresInMs = 24 * HOUR_MS) => {
      const now = subject.env.clock.now()
      return anIdempotencyRecord(
        { expiresAt: new Date(now.getTime() + expiresInMs).toISOString(), ...overrides },
        now,
      )
    }
    /** Another request with the same `{userId, key}` (and another body). */
    const retryOf = (record: IdempotencyRecord) => aRecord({ userId: record.userId, key: record.key })
    /** A retry of the very request of `record` (same `{userId, key}` and fingerprint), under a new claim. */
    const sameRequestAs = (record: IdempotencyRecord) =>
      aRecord({ userId: record.userId, key: record.key, fingerprint: record.fingerprint })

    describe('claims', () => {
      it('claims a key that has no record', async () => {
        expect(await subject.adapter.claim(aRecord())).toEqual({ claimed: true })
      })

      it('returns the existing record to a second claim', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)
        expect(await subject.adapter.claim(retryOf(record))).toEqual({ claimed: false, existing: record })
      })

      it('scopes keys by user', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)
        expect(await subject.adapter.claim(aRecord({ key: record.key }))).toEqual({ claimed: true })
      })

      it('lets exactly one of concurrent claims win', async () => {
        const first = aRecord()
        const candidates = [first, ...Array.from({ length: 9 }, () => retryOf(first))]

        const results = await Promise.all(candidates.map((c) => subject.adapter.claim(c)))

        const winners = results.filter((r) => r.claimed)
        expect(winners).toHaveLength(1)
        const winner = candidates[results.findIndex((r) => r.claimed)]!
        for (const result of results.filter((r) => !r.claimed)) {
          expect(result).toEqual({ claimed: false, existing: winner })
        }
      })
    })

    describe('completion and release', () => {
      it('replays a completed record with its response', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)
        const response = {
          status: 201,
          body: { id: 'o-1', total: { amount: 1350, currency: 'EUR' }, tags: [] },
        }

        await subject.adapter.complete(record, response)

        expect(await subject.adapter.claim(retryOf(record))).toEqual({
          claimed: false,
          existing: { ...record, state: 'done', response },
        })
      })

      it('lets a new claim win after a release', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)
        await subject.adapter.release(record)
        const retry = retryOf(record)
        expect(await subject.adapter.claim(retry)).toEqual({ claimed: true })
        expect(await subject.adapter.claim(retryOf(record))).toEqual({ claimed: false, existing: retry })
      })

      it('completes and releases only the claim it is given', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)
        const stranger = { ...record, claimId: `${record.claimId}-other` }

        expect(await subject.adapter.complete(stranger, { status: 201, body: {} })).toBe(false)
        await subject.adapter.release(stranger)

        expect(await subject.adapter.claim(retryOf(record))).toEqual({ claimed: false, existing: record })
        expect(await subject.adapter.complete(record, { status: 201, body: {} })).toBe(true)
      })

      it('keeps a completed record when released', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)
        const response = { status: 200, body: null }
        await subject.adapter.complete(record, response)
        await subject.adapter.release(record)
        expect(await subject.adapter.claim(retryOf(record))).toMatchObject({
          claimed: false,
          existing: { state: 'done', response },
        })
      })
    })

    describe('expiry', () => {
      it('keeps a record until it expires, then lets it be claimed again', async () => {
        const record = aRecord({}, HOUR_MS)
        await subject.adapter.claim(record)
        await subject.adapter.complete(record, { status: 201, body: {} })

        subject.env.clock.advance(HOUR_MS - 1000)
        expect(await subject.adapter.claim(retryOf(record))).toMatchObject({ claimed: false })

        subject.env.clock.advance(2000)
        const retry = retryOf(record)
        expect(await subject.adapter.claim(retry)).toEqual({ claimed: true })
        expect(await subject.adapter.claim(retryOf(record))).toEqual({ claimed: false, existing: retry })
      })

      it('lets an abandoned in-progress record be claimed again once its lock has passed', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)

        subject.env.clock.advance(LOCK_MS - 1000)
        expect(await subject.adapter.claim(sameRequestAs(record))).toEqual({
          claimed: false,
          existing: record,
        })

        subject.env.clock.advance(2000)
        expect(await subject.adapter.claim(sameRequestAs(record))).toEqual({ claimed: true })
      })

      it('keeps an abandoned record from being taken over by another request under its key', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)
        subject.env.clock.advance(LOCK_MS + 1000)

        // Another body: it must not take over (and be answered with) what the first request started.
        expect(await subject.adapter.claim(retryOf(record))).toEqual({ claimed: false, existing: record })
        const retry = sameRequestAs(record)
        expect(await subject.adapter.claim(retry)).toEqual({ claimed: true })
        expect(await subject.adapter.claim(retryOf(record))).toEqual({ claimed: false, existing: retry })
      })

      it('keeps a takeover from being completed or released by the claim it replaced', async () => {
        const abandoned = aRecord()
        await subject.adapter.claim(abandoned)
        subject.env.clock.advance(LOCK_MS + 1000)
        const takeover = sameRequestAs(abandoned)
        expect(await subject.adapter.claim(takeover)).toEqual({ claimed: true })

        // The request that abandoned its claim finishes late: first a failure, then a success.
        await subject.adapter.release(abandoned)
        expect(await subject.adapter.claim(retryOf(abandoned))).toEqual({
          claimed: false,
          existing: takeover,
        })
        expect(await subject.adapter.complete(abandoned, { status: 201, body: { late: true } })).toBe(false)
        expect(await subject.adapter.claim(retryOf(abandoned))).toEqual({
          claimed: false,
          existing: takeover,
        })

        const response = { status: 201, body: { id: 'o-2' } }
        expect(await subject.adapter.complete(takeover, response)).toBe(true)
        expect(await subject.adapter.claim(retryOf(abandoned))).toEqual({
          claimed: false,
          existing: { ...takeover, state: 'done', response },
        })
      })

      it('never reclaims a completed record because its lock has passed', async () => {
        const record = aRecord()
        await subject.adapter.claim(record)
        await subject.adapter.complete(record, { status: 201, body: {} })
        subject.env.clock.advance(LOCK_MS + 1000)
        expect(await subject.adapter.claim(retryOf(record))).toMatchObject({
          claimed: false,
          existing: { state: 'done' },
        })
      })

      it('purges expired records only, at most `limit` per call', async () => {
        await purgeAll(subject.adapter)
        const expiring = [aRecord({}, HOUR_MS), aRecord({}, HOUR_MS)]
        const live = aRecord({}, 3 * HOUR_MS)
        for (const record of [...expiring, live]) await subject.adapter.claim(record)
        await subject.adapter.complete(live, { status: 201, body: {} })
        subject.env.clock.advance(2 * HOUR_MS)

        expect(await subject.adapter.purgeExpired({ limit: 1 })).toBe(1)
        expect(await purgeAll(subject.adapter)).toBeGreaterThanOrEqual(1)
        expect(await subject.adapter.purgeExpired({ limit: 100 })).toBe(0)

        expect(await subject.adapter.claim(retryOf(live))).toMatchObject({
          claimed: false,
          existing: { userId: live.userId, key: live.key, state: 'done' },
        })
      })
    })
  })
}
