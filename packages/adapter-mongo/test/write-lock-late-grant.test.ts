import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { aCart, aCartLine } from '@orders/contract-tests'
import { isOrderServiceError } from '@orders/core'
import mongoose, { type Connection } from 'mongoose'
import { afterAll, describe, expect, it } from 'vitest'
import { type RunningFerretDb, startFerretDb } from '../../../tools/ferretdb/start-ferretdb.js'
import { mongoCartRepository } from '../src/index.js'
import { FAIL_FAST, mongodbUri } from './support/database.js'

const hasSqliteCli = (() => {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (mongodbUri && !process.env.MONGODB_URI && !hasSqliteCli) {
  if (process.env.CI === 'true') {
    throw new Error('[orders] [mongo] the late-lock test needs the sqlite3 command (.ci/steps installs it)')
  }
  console.warn('[orders] [mongo] SKIPPED the late-lock test: no sqlite3 command to stall FerretDB storage')
}

/** Holds SQLite's write lock on `file` (other writers wait) until `release()`. */
async function stallWrites(file: string): Promise<{ release(): Promise<void> }> {
  const holder: ChildProcess = spawn('sqlite3', [file], { stdio: ['pipe', 'pipe', 'inherit'] })
  holder.stdin!.write("BEGIN IMMEDIATE;\nSELECT 'locked';\n")
  const [chunk] = (await once(holder.stdout!, 'data')) as [Buffer]
  expect(chunk.toString()).toContain('locked')
  return {
    async release() {
      holder.stdin!.end('COMMIT;\n')
      await once(holder, 'exit')
    },
  }
}

// A lock granted so late that the write could no longer finish inside the lease must not be used:
// the writer gives it back and fails (503) instead of writing. Stalled for real: another SQLite
// connection holds the write lock of the private FerretDB's database file.
describe.skipIf(!mongodbUri || process.env.MONGODB_URI || !hasSqliteCli)('a write lock granted late', () => {
  let ferret: RunningFerretDb | undefined
  let connection: Connection | undefined
  afterAll(async () => {
    await connection?.close(true)
    await ferret?.stop()
  })

  it('is given back unused, and the write fails with DEPENDENCY_UNAVAILABLE', async () => {
    let stateDir: string | undefined
    ferret = await startFerretDb({
      log: (line) => {
        stateDir ??= /state in ([^ ,)]+)/.exec(line)?.[1]
      },
    })
    connection = await mongoose.createConnection(ferret.uri, { ...FAIL_FAST, dbName: 'late' }).asPromise()
    await expect.poll(() => stateDir, { timeout: 5_000 }).toBeDefined()
    const carts = mongoCartRepository({ connection, writeLocks: 'on' })
    const cart = aCart()
    await carts.save(cart, { expectedVersion: 0 })
    await connection.db!.collection('write_locks').insertOne({ _id: 'warm-up' as never })

    const stall = await stallWrites(`${stateDir}/data/late.sqlite`)
    const saving = carts
      .save({ ...cart, lines: [aCartLine()], version: cart.version + 1 }, { expectedVersion: cart.version })
      .then(
        () => new Error('expected DEPENDENCY_UNAVAILABLE, but the save went through'),
        (e: unknown) => e,
      )
    await new Promise((resolve) => setTimeout(resolve, 8_600)) // past the 8 s grant bound, below SQLite's 10 s
    await stall.release()
    const error = await saving

    expect(isOrderServiceError(error, 'DEPENDENCY_UNAVAILABLE'), String(error)).toBe(true)
    expect(String((error as Error).message)).toMatch(/took too long to be granted/)
    expect(await carts.get(cart.userId)).toEqual(cart)
    expect(
      await connection.db!.collection('write_locks').countDocuments({ _id: `carts:${cart.userId}` as never }),
    ).toBe(0)
  }, 60_000)
})
