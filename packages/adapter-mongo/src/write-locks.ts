import { randomUUID } from 'node:crypto'
import { OrderServiceError } from '@orders/core'
import type { Connection } from 'mongoose'
import { guarded, isDuplicateKey } from './errors.js'

/**
 * `auto`: per-document write locks on FerretDB, none on MongoDB. `on`/`off` force it.
 * Why: FerretDB v1 evaluates an update's filter and writes the row in two steps (query, then
 * `UPDATE … WHERE _id = ?`), so two concurrent conditional updates can both "win" (measured here:
 * 19 of 20 rounds of 10 racing `updateOne({ _id, v: 1 })` had several winners). Inserts against a
 * unique index stay atomic there, so a lock is one insert into `write_locks` (`_id` = the document's
 * key): while held, no other process using these adapters writes that document.
 */
export type WriteLocks = 'auto' | 'on' | 'off'

const LOCKS_COLLECTION = 'write_locks'
/** A holder that crashed loses its lock after this long (real time, not the injected clock). */
const LEASE_MS = 10_000
/** How long a writer waits for a busy lock before giving up with CONCURRENT_UPDATE. */
const MAX_WAIT_MS = 15_000

interface LockState {
  mode: WriteLocks
  /** Detection result; retried after a failure (the server may have been down). */
  enabled: Promise<boolean> | undefined
}

/** What `runUnlessBusy` answers when another writer holds the lock. */
export const BUSY = Symbol('busy')

const states = new WeakMap<Connection, LockState>()

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
  const locks = () => {
    const db = connection.db
    if (!db) throw new Error('not connected')
    return db.collection<{ _id: string; owner: string; until: number }>(LOCKS_COLLECTION)
  }

  /** The lock's owner token, or null when busy and `wait` is false. */
  async function acquire(key: string, wait: boolean): Promise<string | null> {
    const owner = randomUUID()
    const giveUpAt = Date.now() + MAX_WAIT_MS
    for (let attempt = 0; ; attempt += 1) {
      try {
        await guarded(() => locks().insertOne({ _id: key, owner, until: Date.now() + LEASE_MS }))
        return owner
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
      }
      const held = await guarded(() => locks().findOne({ _id: key }))
      if (held && held.until < Date.now()) {
        await guarded(() => locks().deleteOne({ _id: key, owner: held.owner }))
        continue
      }
      if (!wait) return null
      if (Date.now() > giveUpAt) {
        throw new OrderServiceError('CONCURRENT_UPDATE', `[orders] [mongo] ${key} stayed locked`)
      }
      await sleep(Math.random() * Math.min(2 ** attempt, 32))
    }
  }

  /**
   * Like `run`, but answers `BUSY` at once when another writer holds the lock (unless `wait`): for
   * version-guarded writes, whose caller retries anyway and whose version the holder is most likely
   * making stale.
   */
  async function runUnlessBusy<T>(
    key: string,
    write: () => Promise<T>,
    wait = false,
  ): Promise<T | typeof BUSY> {
    if (!(await detect(connection, current))) return write()
    const owner = await acquire(key, wait)
    if (owner === null) return BUSY
    try {
      return await write()
    } finally {
      await guarded(() => locks().deleteOne({ _id: key, owner })).catch(() => {})
    }
  }

  return {
    /** Whether this connection takes write locks (detects FerretDB on first use in `auto` mode). */
    enabled: () => detect(connection, current),
    /** Runs `write` holding the lock of `key` (e.g. `carts:<userId>`), waiting for it when busy. */
    run: async <T>(key: string, write: () => Promise<T>): Promise<T> =>
      (await runUnlessBusy(key, write, true)) as T,
    runUnlessBusy,
  }
}

export type WriteLockGuard = ReturnType<typeof writeLocks>
