import { rmSync, writeFileSync } from 'node:fs'
import { aCart } from '@orders/contract-tests'
import { isOrderServiceError } from '@orders/core'
import mongoose, { type Connection } from 'mongoose'
import { afterAll, describe, expect, it } from 'vitest'
import { type RunningFerretDb, startFerretDb } from '../../../tools/ferretdb/start-ferretdb.js'
import { mongoCartRepository } from '../src/index.js'
import { FAIL_FAST, mongodbUri } from './support/database.js'

// A private FerretDB whose SQLite storage directory disappears: it still answers the protocol, but
// with `InternalError` (code 1) and SQLite's "unable to open database file" — an outage, not a bug.
describe.skipIf(!mongodbUri || process.env.MONGODB_URI)('FerretDB whose storage is gone', () => {
  let ferret: RunningFerretDb | undefined
  let connection: Connection | undefined
  afterAll(async () => {
    await connection?.close(true)
    await ferret?.stop()
  })

  it('answers DEPENDENCY_UNAVAILABLE for a write that needs the storage', async () => {
    let stateDir: string | undefined
    // ferretdb.sh logs "listening on HOST:PORT (state in DIR, pid N)"
    ferret = await startFerretDb({
      log: (line) => {
        stateDir ??= /state in ([^ ,)]+)/.exec(line)?.[1]
      },
    })
    connection = await mongoose
      .createConnection(ferret.uri, { ...FAIL_FAST, dbName: 'orders_storage_down' })
      .asPromise()
    // the line may come just after the URI
    await expect.poll(() => stateDir, { timeout: 5_000 }).toBeDefined()
    rmSync(`${stateDir}/data`, { recursive: true, force: true })
    writeFileSync(`${stateDir}/data`, 'not a directory any more')

    const error = await mongoCartRepository({ connection })
      .save(aCart(), { expectedVersion: 0 })
      .then(
        () => new Error('expected DEPENDENCY_UNAVAILABLE, but the save succeeded'),
        (e: unknown) => e,
      )

    expect(isOrderServiceError(error, 'DEPENDENCY_UNAVAILABLE'), String(error)).toBe(true)
    expect((error as Error).message).toMatch(/^\[orders\] \[mongo\] .*unable to open database file/)
  }, 60_000)
})
