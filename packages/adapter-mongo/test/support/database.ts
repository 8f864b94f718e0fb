import { randomBytes } from 'node:crypto'
import mongoose, { type Connection } from 'mongoose'
import { afterAll, beforeAll, inject } from 'vitest'
import { ensureMongoIndexes } from '../../src/index.js'

/** The server from the global setup, or undefined (outside CI, when FerretDB could not start). */
export const mongodbUri = inject('mongodbUri')

if (!mongodbUri) {
  console.warn(
    '[orders] [mongo] SKIPPED: no MongoDB-protocol server (FerretDB did not start, MONGODB_URI unset)',
  )
}

/** Connection options for tests: fail fast instead of buffering when the server is gone. */
export const FAIL_FAST = { bufferCommands: false, serverSelectionTimeoutMS: 3000, maxPoolSize: 20 } as const

/**
 * A connection to a database of its own for one test file (`orders_test_<name>_<random>`), with the
 * indexes built; dropped after the file's tests.
 */
export function useTestDatabase(name: string): { readonly connection: Connection } {
  let connection: Connection | undefined
  beforeAll(async () => {
    if (!mongodbUri) return
    const dbName = `orders_test_${name}_${randomBytes(4).toString('hex')}`
    connection = await mongoose.createConnection(mongodbUri, { ...FAIL_FAST, dbName }).asPromise()
    await ensureMongoIndexes(connection)
  })
  afterAll(async () => {
    if (!connection) return
    await connection.dropDatabase()
    await connection.close()
  })
  return {
    get connection() {
      if (!connection) throw new Error('[orders] [mongo] test database not connected')
      return connection
    },
  }
}

/**
 * A second connection to the same test database: another instance as far as the server can tell
 * (own pool, own sockets). Call inside the `describe` after `useTestDatabase`.
 */
export function useSecondConnection(db: { readonly connection: Connection }): {
  readonly connection: Connection
} {
  let other: Connection | undefined
  beforeAll(async () => {
    if (!mongodbUri) return
    other = await mongoose
      .createConnection(mongodbUri, { ...FAIL_FAST, dbName: db.connection.name })
      .asPromise()
  })
  afterAll(async () => {
    await other?.close()
  })
  return {
    get connection() {
      if (!other) throw new Error('[orders] [mongo] second connection not open')
      return other
    },
  }
}
