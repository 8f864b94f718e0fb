import type { Connection } from 'mongoose'
import { guarded } from './errors.js'

export type TransactionMode = 'transactional' | 'single-document'

/** The parts of a `hello` answer that tell whether multi-document transactions can exist. */
export interface HelloAnswer {
  setName?: unknown
  msg?: unknown
  [field: string]: unknown
}

/** DESIGN §4, first test: a replica-set member (`setName`) or a mongos (`msg: 'isdbgrid'`). */
export function helloAllowsTransactions(hello: HelloAnswer): boolean {
  return (typeof hello.setName === 'string' && hello.setName.length > 0) || hello.msg === 'isdbgrid'
}

const PROBE_COLLECTION = 'orders_transaction_probe'

/**
 * DESIGN §4, second test: a transaction on a scratch collection must commit. FerretDB started with a
 * replica-set name passes the first test and fails this one (it rejects `autocommit`).
 */
export async function probeTransaction(connection: Connection): Promise<boolean> {
  const db = (await connection.asPromise()).db
  if (!db) return false
  const session = connection.getClient().startSession()
  try {
    await session.withTransaction(async () => {
      await db.collection(PROBE_COLLECTION).insertOne({ probedAt: new Date() }, { session })
    })
    await db.collection(PROBE_COLLECTION).deleteMany({})
    return true
  } catch {
    return false
  } finally {
    await session.endSession()
  }
}

/** The decision of DESIGN §4 from a `hello` answer and a probe (run only when `hello` allows it). */
export async function decideTransactionMode(
  hello: HelloAnswer,
  probe: () => Promise<boolean>,
): Promise<TransactionMode> {
  if (!helloAllowsTransactions(hello)) return 'single-document'
  return (await probe()) ? 'transactional' : 'single-document'
}

/** `hello` AND a committed probe transaction: only then is checkout run in a transaction. */
export async function detectTransactionMode(connection: Connection): Promise<TransactionMode> {
  const db = (await guarded(() => connection.asPromise())).db
  if (!db) throw new Error('[orders] [mongo] the connection has no database')
  const hello = await guarded(() => db.admin().command({ hello: 1 }))
  return decideTransactionMode(hello, () => probeTransaction(connection))
}
