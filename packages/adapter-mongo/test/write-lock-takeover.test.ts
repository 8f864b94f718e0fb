import { uniqueId } from '@orders/contract-tests'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUSY, LEASE_MS, writeLocks } from '../src/write-locks.js'
import { mongodbUri, useSecondConnection, useTestDatabase } from './support/database.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const ROUNDS = 60
const WAITERS = 8

interface StoredLock {
  _id: string
  owner: string
  until: number
}

/** A waiter's claim to break an expired lock (`write_lock_takeovers`). */
interface StoredTakeover extends StoredLock {
  key: string
  lock: string
}

describe.skipIf(!mongodbUri)('taking over a write lock left by a crashed holder', () => {
  const db = useTestDatabase('locktakeover')
  const second = useSecondConnection(db)
  const locks = () => db.connection.db!.collection<StoredLock>('write_locks')
  const takeovers = () => db.connection.db!.collection<StoredTakeover>('write_lock_takeovers')
  const guard = () => writeLocks(db.connection, 'on')
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** An expired lock of a new key, as a holder that crashed leaves it. */
  async function anExpiredLock(): Promise<{ key: string; owner: string }> {
    const key = uniqueId('takeover')
    const owner = `crashed-${uniqueId('holder')}`
    await locks().insertOne({ _id: key, owner, until: Date.now() - 1 })
    return { key, owner }
  }

  // Regression: waiters breaking an expired lock each ran `deleteOne({ _id, owner: deadOwner })`.
  // FerretDB v1 deletes by `_id` after its query, without re-checking `owner`, so a slow waiter's
  // delete could remove the lock another waiter had just inserted: two holders at once (4 to 27 of
  // 60 rounds before the fix, depending on load). Two connections are two instances to the server.
  it('lets one waiter at a time into the critical section, across instances', async () => {
    const guards = [writeLocks(db.connection, 'on'), writeLocks(second.connection, 'on')]
    const roundsWithTwoHolders: number[] = []
    const keys: string[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      const { key } = await anExpiredLock()
      keys.push(key)
      let inside = 0
      let mostInside = 0
      await Promise.all(
        Array.from({ length: WAITERS }, (_, i) =>
          guards[i % 2]!.run(key, async () => {
            inside += 1
            mostInside = Math.max(mostInside, inside)
            await sleep(5)
            inside -= 1
          }),
        ),
      )
      if (mostInside > 1) roundsWithTwoHolders.push(round)
    }

    expect(roundsWithTwoHolders, 'rounds in which two waiters held the lock at once').toEqual([])
    expect(await locks().countDocuments({ _id: { $in: keys } })).toBe(0)
    expect(await takeovers().countDocuments({ key: { $in: keys } })).toBe(0)
  }, 120_000)

  it('answers busy while another waiter is breaking the expired lock', async () => {
    const { key, owner } = await anExpiredLock()
    await takeovers().insertOne({
      _id: `${key}|${owner}`,
      key,
      lock: owner,
      owner: 'another-waiter',
      until: Date.now() + LEASE_MS,
    })
    const write = vi.fn(async () => 'written')

    expect(await guard().runUnlessBusy(key, write)).toBe(BUSY)
    expect(write).not.toHaveBeenCalled()
    expect(await locks().findOne({ _id: key })).toMatchObject({ owner })
  })

  it('takes the lock over when the waiters breaking it died, and leaves no marker behind', async () => {
    const { key, owner } = await anExpiredLock()
    const expiredMarker = (supersedes: string, markerOwner: string) => ({
      _id: `${key}|${supersedes}`,
      key,
      lock: owner,
      owner: markerOwner,
      until: Date.now() - 1,
    })
    await takeovers().insertMany([
      expiredMarker(owner, 'dead-waiter-1'),
      expiredMarker('dead-waiter-1', 'dead-waiter-2'),
    ])

    expect(await guard().run(key, async () => 'written')).toBe('written')
    expect(await locks().countDocuments({ _id: key })).toBe(0)
    expect(await takeovers().countDocuments({ key })).toBe(0)
  })

  it('leaves a lock whose lease ran out during the write to expire instead of deleting it', async () => {
    const key = uniqueId('overrun')
    const realNow = Date.now.bind(Date)

    await guard().run(key, async () => {
      vi.spyOn(Date, 'now').mockImplementation(() => realNow() + LEASE_MS)
    })
    vi.restoreAllMocks()

    // A waiter may be breaking it already: FerretDB's delete by `_id` could remove the waiter's lock.
    expect(await locks().findOne({ _id: key })).not.toBeNull()
  })
})
