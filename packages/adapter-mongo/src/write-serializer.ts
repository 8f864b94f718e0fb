import type { Connection } from 'mongoose'
import { guarded } from './errors.js'

/**
 * `auto`: serialize on FerretDB, not on MongoDB. `on`/`off` force it.
 * Why: FerretDB v1 evaluates an update's filter and writes the document in two steps (query, then
 * `UPDATE … WHERE _id = ?`), so two concurrent conditional updates can both "win" (measured here:
 * 19 of 20 rounds of 10 racing `updateOne({ _id, v: 1 })` had several winners). Inserts against a
 * unique index stay atomic. Serializing this process's writes makes each conditional write atomic
 * with respect to every other write of the process, which is all one instance needs.
 */
export type SerializeWrites = 'auto' | 'on' | 'off'

interface Serializer {
  mode: SerializeWrites
  /** Resolved detection; retried after a failure (the server may have been down). */
  enabled: Promise<boolean> | undefined
  tail: Promise<unknown>
}

const serializers = new WeakMap<Connection, Serializer>()

/** True when the server says it is FerretDB (`buildInfo.ferretdbVersion`). */
export async function isFerretDb(connection: Connection): Promise<boolean> {
  const info = await guarded(async () => {
    const db = (await connection.asPromise()).db
    if (!db) throw new Error('[orders] [mongo] the connection has no database')
    return db.admin().command({ buildInfo: 1 })
  })
  return 'ferretdbVersion' in info
}

function detect(connection: Connection, serializer: Serializer): Promise<boolean> {
  if (serializer.mode !== 'auto') return Promise.resolve(serializer.mode === 'on')
  if (!serializer.enabled) {
    const enabled = isFerretDb(connection)
    serializer.enabled = enabled
    enabled.catch(() => {
      if (serializer.enabled === enabled) serializer.enabled = undefined
    })
  }
  return serializer.enabled
}

/**
 * The per-connection write queue: every repository on one connection shares it (the first caller's
 * `mode` wins).
 */
export function writeSerializer(connection: Connection, mode: SerializeWrites = 'auto') {
  let serializer = serializers.get(connection)
  if (!serializer) {
    serializer = { mode, enabled: undefined, tail: Promise.resolve() }
    serializers.set(connection, serializer)
  }
  const current = serializer
  return {
    /** Whether writes are serialized (detects FerretDB on first use in `auto` mode). */
    enabled: () => detect(connection, current),
    /** Runs `write` alone (after every write queued before it) when serializing, else at once. */
    async run<T>(write: () => Promise<T>): Promise<T> {
      if (!(await detect(connection, current))) return write()
      const result = current.tail.then(write, write)
      current.tail = result.catch(() => {})
      return result
    },
  }
}

export type WriteSerializer = ReturnType<typeof writeSerializer>
