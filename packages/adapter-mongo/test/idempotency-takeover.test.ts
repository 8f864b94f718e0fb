import { anIdempotencyRecord } from '@orders/contract-tests'
import { manualClock } from '@orders/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { mongoIdempotencyStore } from '../src/index.js'
import { idempotencyModel } from '../src/schemas/idempotency.schema.js'
import { mongodbUri, useTestDatabase } from './support/database.js'

const LOCK_MS = 30_000

describe.skipIf(!mongodbUri)('taking over an abandoned idempotency record', () => {
  const db = useTestDatabase('idempotency_takeover')
  let restore = () => {}
  afterEach(() => restore())

  /** Runs `between` once, after the store has read the record it means to take over and before its replace. */
  function beforeNextReplace(between: () => Promise<void>) {
    const model = idempotencyModel(db.connection)
    const replaceOne = model.replaceOne
    restore = () => {
      model.replaceOne = replaceOne
    }
    model.replaceOne = ((...args: Parameters<typeof replaceOne>) => {
      restore()
      return {
        exec: async () => {
          await between()
          return replaceOne.apply(model, args).exec()
        },
      }
    }) as unknown as typeof replaceOne
  }

  it('loses to a record deleted and created again meanwhile (its rev starts again at 0)', async () => {
    const clock = manualClock(new Date())
    // Without write locks, as on MongoDB: only the replace's filter decides who wins.
    const store = mongoIdempotencyStore({ connection: db.connection, clock, writeLocks: 'off' })
    const original = anIdempotencyRecord({}, clock.now())
    expect(await store.claim(original)).toEqual({ claimed: true })
    clock.advance(LOCK_MS + 1_000)

    const { userId, key, fingerprint } = original
    const retry = (claimId: string) => anIdempotencyRecord({ userId, key, fingerprint, claimId }, clock.now())
    const [late, quick] = [retry('claim-late'), retry('claim-quick')]
    beforeNextReplace(async () => {
      // The original request fails late and releases its record; another retry claims the key afresh.
      await store.release(original)
      expect(await store.claim(quick)).toEqual({ claimed: true })
    })

    expect(await store.claim(late)).toEqual({ claimed: false, existing: quick })
    expect(await store.complete(quick, { status: 201, body: { id: 'o-1' } })).toBe(true)
  })
})
