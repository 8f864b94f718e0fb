/** Collections and time bounds of the FerretDB write locks (see `write-locks.ts`). */

export const LOCKS_COLLECTION = 'write_locks'
/** Who is breaking which expired lock (see `breakExpiredLock`); apart, so that no marker reads as a lock. */
export const TAKEOVERS_COLLECTION = 'write_lock_takeovers'
/**
 * The longest a locked write may run on the server (`maxTimeMS`): past it the server aborts the write
 * (MaxTimeMSExpired, answered as DEPENDENCY_UNAVAILABLE) instead of applying it late.
 */
export const LOCKED_WRITE_MAX_MS = 5_000
/**
 * A lock whose insert took longer than this to be answered is given back unused: the write fails.
 * Not lower: FerretDB on SQLite queues writes, and with 32 callers (bench/mongo) lock inserts took
 * over 2 s; not 10 s or more: SQLite's busy_timeout fails a write that waited that long anyway.
 */
export const LOCKED_WRITE_START_MS = 8_000
/**
 * A holder that crashed loses its lock after this long (real time, not the injected clock). Budget of
 * a locked write: lock granted within 8 s, server selection (`serverSelectionTimeoutMS`, 3 s
 * recommended), then at most 5 s on MongoDB (`maxTimeMS`) — but FerretDB v1 does not enforce
 * `maxTimeMS` on writes (measured: an update sent with 1 s landed after 4 s while its SQLite file was
 * write-locked); there the bound is SQLite's `busy_timeout` (10 s in FerretDB). 21 s in all, leaving
 * 9 s for clock skew between instances and the network.
 */
export const LEASE_MS = 30_000
/**
 * A holder deletes its lock only while at least this much of its lease is left (9 s: the lease minus
 * the 21 s budget above); later it leaves the lock to run out. Why: a waiter whose clock runs ahead
 * may already be breaking it, and FerretDB deletes by `_id` alone after its query, so a late release
 * could delete the lock the waiter inserts next.
 */
export const RELEASE_MARGIN_MS = 9_000

/** A held lock: `_id` = the document's key, `until` = the end of its lease (`Date.now()` of its owner). */
export interface LockDocument {
  _id: string
  owner: string
  until: number
}
