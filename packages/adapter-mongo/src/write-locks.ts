import { randomUUID } from 'node:crypto'
import { dependencyUnavailable, OrderServiceError } from '@orders/core'
import type { Connection } from 'mongoose'
import { guarded, isDuplicateKey } from './errors.js'
import {
  LEASE_MS,
  LOCKED_WRITE_MAX_MS,
  LOCKED_WRITE_START_MS,
  LOCKS_COLLECTION,
  type LockDocument,
  RELEASE_MARGIN_MS,
} from './write-lock-lease.js'
import { breakExpiredLock } from './write-lock-takeover.js'

export { LEASE_MS, LOCKED_WRITE_MAX_MS } from './write-lock-lease.js'

/**
 * `auto`: per-document write locks on FerretDB, none on MongoDB. `on`/`off` force it.
 * Why: FerretDB v1 evaluates an update's filter and writes the row in two steps (query, then
 * `UPDATE … WHERE _id = ?`), so two concurrent conditional updates can both "win" (measured here:
 * 19 of 20 rounds of 10 racing `updateOne({ _id, v: 1 })` had several winners). Inserts against a
 * unique index stay atomic there, so a lock is one insert into `write_locks` (`_id` = the document's
 * key): while held, no other process using these adapters writes that document. A lock whose lease
 * ran out is broken by one waiter only, chosen by another insert (see `breakExpiredLock`).
 */
export type WriteLocks = 'auto' | 'on' | 'off'

/** How long a writer waits for a busy lock, then CONCURRENT_UPDATE (past a crashed holder's lease). */
const MAX_WAIT_MS = LEASE_MS + 2_000
/** A brief wait (see `runUnlessBusy`): this many more tries, the n-th after up to 10·2ⁿ ms (≤ ~150 ms). */
const BRIEF_WAIT_TRIES = 4
const BRIEF_WAIT_BASE_MS = 10

/**
 * How long a writer waits for a busy lock: not at all, up to 32 s, or briefly — a few short sleeps,
 * each followed by `worthWaiting()` (e.g. "is my expected version still the stored one?"): false
 * gives up at once.
 */
export type LockPatience = 'none' | 'full' | { worthWaiting: () => Promise<boolean> }

interface LockState {
  mode: WriteLocks
  /** Detection result; retried after a failure (the server may have been down). */
  enabled: Promise<boolean> | undefined
}

/** What `runUnlessBusy` answers when another writer holds the lock. */
export const BUSY = Symbol('busy')

/** Options every locked write passes to the driver: its server-side time bound. */
export interface LockedWriteOptions {
  maxTimeMS: number
}

const LOCKED_WRITE: LockedWriteOptions = { maxTimeMS: LOCKED_WRITE_MAX_MS }

const states = new WeakMap<Connection, LockState>()

/** What `acquire` grants. */
interface HeldLock {
  owner: string
  until: number
}

/** True when the server says it is FerretDB (`buildInfo.ferretdbVersion`). */
export async function isFerretDb(connection: Connection): Promise<boolean> {
  const info = await guarded(async () => {
    const db = (await connection.asPromise()).db
    if (!db) throw new Error('[orders] [mongo] the connection has no database')
    return db.admin().command({ buildInfo: 1 })
  })
  return 'ferretdbVersion' in info
}

function detect(connection: Connection, state: LockState): Promise<boolean> {
  if (state.mode !== 'auto') return Promise.resolve(state.mode === 'on')
  if (!state.enabled) {
    const enabled = isFerretDb(connection)
    state.enabled = enabled
    enabled.catch(() => {
      if (state.enabled === enabled) state.enabled = undefined
    })
  }
  return state.enabled
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The write guard of one connection (the first caller's `mode` wins). `run(key, write)` runs a
 * conditional write while holding the lock of `key` (e.g. `carts:<userId>`) when locks are on, or
 * directly otherwise.
 */
export function writeLocks(connection: Connection, mode: WriteLocks = 'auto') {
  let state = states.get(connection)
  if (!state) {
    state = { mode, enabled: undefined }
    states.set(connection, state)
  }
  const current = state
  const database = () => {
    const db = connection.db
    if (!db) throw new Error('not connected')
    return db
  }
  const locks = () => database().collection<LockDocument>(LOCKS_COLLECTION)

  /**
   * The granted lock, or null when still busy after `patience`. A lock granted too late to leave
   * the write its full time bound inside the lease is released and fails (DEPENDENCY_UNAVAILABLE).
   * An insert whose reply is lost (connection dropped after the server applied it) leaves the lock
   * held by nobody until its lease runs out: writers of that document wait (up to the lease), accepted.
   */
  async function acquire(key: string, patience: LockPatience): Promise<HeldLock | null> {
    const owner = randomUUID()
    const giveUpAt = Date.now() + MAX_WAIT_MS
    for (let attempt = 0; ; attempt += 1) {
      const sentAt = Date.now()
      const lock = { owner, until: sentAt + LEASE_MS }
      try {
        await guarded(() => locks().insertOne({ _id: key, ...lock }))
        if (Date.now() - sentAt > LOCKED_WRITE_START_MS) {
          await release(key, lock)
          throw dependencyUnavailable('mongo', `the write lock on ${key} took too long to be granted`)
        }
        return lock
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
      }
      const held = await guarded(() => locks().findOne({ _id: key }))
      if (held && held.until < Date.now() && (await breakExpiredLock(database(), key, held))) continue
      if (patience === 'none') return null
      if (patience !== 'full') {
        if (attempt >= BRIEF_WAIT_TRIES) return null
        await sleep(BRIEF_WAIT_BASE_MS * 2 ** attempt * (0.5 + Math.random() / 2))
        if (!(await patience.worthWaiting())) return null
        continue
      }
      if (Date.now() > giveUpAt) {
        throw new OrderServiceError('CONCURRENT_UPDATE', `[orders] [mongo] ${key} stayed locked`)
      }
      await sleep(Math.random() * Math.min(2 ** attempt, 32))
    }
  }

  /** Deletes the lock unless its lease is (nearly) over: then it is left to run out (`RELEASE_MARGIN_MS`). */
  async function release(key: string, lock: HeldLock): Promise<void> {
    if (Date.now() > lock.until - RELEASE_MARGIN_MS) return
    await guarded(() => locks().deleteOne({ _id: key, owner: lock.owner })).catch(() => {})
  }

  /**
   * Like `run`, but answers `BUSY` when another writer still holds the lock after `patience` (default
   * `none`: at once): for version-guarded writes, whose caller retries anyway and whose version the
   * holder is most likely making stale.
   */
  async function runUnlessBusy<T>(
    key: string,
    write: (options: LockedWriteOptions) => Promise<T>,
    patience: LockPatience = 'none',
  ): Promise<T | typeof BUSY> {
    if (!(await detect(connection, current))) return write(LOCKED_WRITE)
    const lock = await acquire(key, patience)
    if (lock === null) return BUSY
    try {
      return await write(LOCKED_WRITE)
    } finally {
      await release(key, lock)
    }
  }

  return {
    /** Whether this connection takes write locks (detects FerretDB on first use in `auto` mode). */
    enabled: () => detect(connection, current),
    /**
     * Runs `write` holding the lock of `key` (e.g. `carts:<userId>`), waiting for it when busy.
     * `write` must pass the given options (`maxTimeMS`) to its driver call.
     */
    run: async <T>(key: string, write: (options: LockedWriteOptions) => Promise<T>): Promise<T> =>
      (await runUnlessBusy(key, write, 'full')) as T,
    runUnlessBusy,
  }
}

export type WriteLockGuard = ReturnType<typeof writeLocks>
