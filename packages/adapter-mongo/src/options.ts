import type { Clock } from '@orders/core'
import type { ClientSession, Connection } from 'mongoose'
import type { WriteLocks } from './write-locks.js'

/** What every per-port factory takes. */
export interface MongoRepositoryOptions {
  /** An open (or opening) Mongoose connection; its database holds the collections. */
  connection: Connection
  /** Source of "now" for leases and expiry. @default the system clock */
  clock?: Clock
  /** Per-document write locks (needed on FerretDB v1, see README). @default 'auto' */
  writeLocks?: WriteLocks
  /** Bind every operation to this session (used by the unit of work in transactional mode). */
  session?: ClientSession
}

export const systemClock: Clock = { now: () => new Date() }
