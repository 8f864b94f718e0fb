import { randomUUID } from 'node:crypto'
import type { mongo } from 'mongoose'
import { guarded, isDuplicateKey } from './errors.js'
import {
  LEASE_MS,
  LOCKED_WRITE_START_MS,
  LOCKS_COLLECTION,
  type LockDocument,
  TAKEOVERS_COLLECTION,
} from './write-lock-lease.js'

/**
 * "`owner` is breaking the expired lock `lock` of `key`": `_id` = `<key>|<owner of what it
 * supersedes>` — the expired lock, or an expired marker whose owner died while breaking it.
 */
interface TakeoverDocument {
  _id: string
  key: string
  lock: string
  owner: string
  until: number
}

/**
 * Deletes the expired lock `expired` if this waiter wins the right to: true when it is gone (insert
 * again), false when another waiter is breaking it (busy). Why not just `deleteOne({ _id, owner })`:
 * FerretDB v1 runs it as a query, then `DELETE … WHERE _id IN (…)` without re-checking `owner`, so
 * of two waiters breaking one lock the slower could delete the lock the faster had just inserted —
 * two holders. The right is an insert (atomic) of a marker whose `_id` names the expired lock's
 * owner (a random UUID): one waiter per expired lock. The marker has a lease of its own: when its
 * owner dies before deleting the lock, a marker naming that marker's owner succeeds it, and so on
 * (`test/write-lock-takeover.test.ts`). The winner deletes the markers of the broken lock — a
 * marker of a gone lock is harmless: a delete naming that lock's owner matches nothing — and
 * expired ones of the key, so that markers do not pile up (FerretDB v1 has no TTL index).
 */
export async function breakExpiredLock(db: mongo.Db, key: string, expired: LockDocument): Promise<boolean> {
  const locks = db.collection<LockDocument>(LOCKS_COLLECTION)
  const takeovers = db.collection<TakeoverDocument>(TAKEOVERS_COLLECTION)
  const owner = randomUUID()
  let superseded = expired.owner
  for (;;) {
    const _id = `${key}|${superseded}`
    const sentAt = Date.now()
    try {
      await guarded(() =>
        takeovers.insertOne({ _id, key, lock: expired.owner, owner, until: sentAt + LEASE_MS }),
      )
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const rival = await guarded(() => takeovers.findOne({ _id }))
      if (!rival) return true
      if (rival.until >= Date.now()) return false
      superseded = rival.owner
      continue
    }
    // As for a lock: a marker granted late leaves too little of its lease for the delete.
    if (Date.now() - sentAt > LOCKED_WRITE_START_MS) {
      await guarded(() => takeovers.deleteOne({ _id, owner })).catch(() => {})
      return false
    }
    await guarded(() => locks.deleteOne({ _id: key, owner: expired.owner }))
    await guarded(() =>
      takeovers.deleteMany({ key, $or: [{ lock: expired.owner }, { until: { $lt: Date.now() } }] }),
    ).catch(() => {})
    return true
  }
}
