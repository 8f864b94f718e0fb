import { aCart, anOrder } from '@orders/contract-tests'
import { isOrderServiceError } from '@orders/core'
import mongoose, { type Connection } from 'mongoose'
import { afterAll, describe, expect, it } from 'vitest'
import { type RunningFerretDb, startFerretDb } from '../../../tools/ferretdb/start-ferretdb.js'
import { mongoAdapters, mongoCartRepository, mongoOrderRepository } from '../src/index.js'
import { FAIL_FAST, mongodbUri } from './support/database.js'

const quiet = { info: () => {} }

/** Asserts that `promise` rejects with the core's DEPENDENCY_UNAVAILABLE from the mongo adapter. */
async function expectUnavailable(promise: Promise<unknown>) {
  const error = await promise.then(
    () => new Error('expected DEPENDENCY_UNAVAILABLE, but the call succeeded'),
    (e: unknown) => e,
  )
  expect(isOrderServiceError(error, 'DEPENDENCY_UNAVAILABLE'), String(error)).toBe(true)
  expect((error as Error).message).toMatch(/^\[orders\] \[mongo\] /)
}

// A private FerretDB per test file: stopping the shared one would break every other file.
describe.skipIf(!mongodbUri || process.env.MONGODB_URI)('connection refused or lost', () => {
  let ferret: RunningFerretDb | undefined
  let connection: Connection | undefined
  afterAll(async () => {
    await connection?.close(true)
    await ferret?.stop()
  })

  it('answers DEPENDENCY_UNAVAILABLE once the server is stopped mid-test', async () => {
    ferret = await startFerretDb({ log: () => {} })
    connection = await mongoose
      .createConnection(ferret.uri, { ...FAIL_FAST, dbName: 'orders_loss' })
      .asPromise()
    const adapters = await mongoAdapters({ connection, logger: quiet })
    const cart = aCart()
    expect(await adapters.carts.save(cart, { expectedVersion: 0 })).toBe(true)
    await adapters.ping()

    await ferret.stop()

    await expectUnavailable(adapters.carts.get(cart.userId))
    await expectUnavailable(adapters.carts.save({ ...cart, version: 2 }, { expectedVersion: 1 }))
    await expectUnavailable(adapters.orders.insert(anOrder(), []))
    await expectUnavailable(adapters.ping())
  }, 60_000)

  it('answers DEPENDENCY_UNAVAILABLE when the server refuses connections', async () => {
    const refused = mongoose.createConnection('mongodb://127.0.0.1:1/orders', {
      ...FAIL_FAST,
      serverSelectionTimeoutMS: 500,
    })
    refused.on('error', () => {})
    await expectUnavailable(mongoCartRepository({ connection: refused }).get('u-1'))
    await expectUnavailable(mongoOrderRepository({ connection: refused }).findById('o-1'))
    await expectUnavailable(mongoAdapters({ connection: refused, logger: quiet }))
    await refused.close(true)
  }, 30_000)
})
