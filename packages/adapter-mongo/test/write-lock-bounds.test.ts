import { aCart, anOrder, anOutboxEvent } from '@orders/contract-tests'
import mongoose, { type Connection } from 'mongoose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mongoCartRepository, mongoOrderRepository } from '../src/index.js'
import { LEASE_MS, LOCKED_WRITE_MAX_MS } from '../src/write-locks.js'
import { FAIL_FAST, mongodbUri, useTestDatabase } from './support/database.js'

interface Sent {
  name: string
  command: Record<string, unknown>
}

// Every write made under a FerretDB write lock must be bounded below the lock's lease, or a stalled
// holder could land its write after another writer broke the lock and took it over.
describe.skipIf(!mongodbUri)('write locks bound the locked write below the lease', () => {
  const db = useTestDatabase('lockbounds')
  let watched: Connection
  const sent: Sent[] = []
  beforeAll(async () => {
    watched = await mongoose
      .createConnection(mongodbUri!, { ...FAIL_FAST, dbName: db.connection.name, monitorCommands: true })
      .asPromise()
    watched.getClient().on('commandStarted', (e) => {
      sent.push({ name: e.commandName, command: e.command as Record<string, unknown> })
    })
  })
  afterAll(async () => {
    await watched?.close()
  })

  it('keeps the lease well above the longest allowed locked write', () => {
    // lock granted within 8 s + server selection 3 s + the longer of maxTimeMS (MongoDB) and SQLite's
    // busy_timeout of 10 s (FerretDB ignores maxTimeMS on writes) + 5 s for clock skew and network
    expect(LEASE_MS).toBeGreaterThanOrEqual(8_000 + 3_000 + Math.max(LOCKED_WRITE_MAX_MS, 10_000) + 5_000)
  })

  it('sends every locked write with maxTimeMS and takes the lock for the whole lease', async () => {
    const carts = mongoCartRepository({ connection: watched, writeLocks: 'on' })
    const orders = mongoOrderRepository({ connection: watched, writeLocks: 'on' })
    const cart = aCart()
    await carts.save(cart, { expectedVersion: 0 })
    const order = anOrder()
    await orders.insert(order, [anOutboxEvent(order)])
    sent.length = 0

    const before = Date.now()
    expect(await carts.save({ ...cart, version: 2 }, { expectedVersion: 1 })).toBe(true)
    const next = { ...order, note: 'bounded', version: order.version + 1 }
    expect(await orders.update(next, { expectedVersion: order.version, events: [] })).toBe(true)
    const claims = await orders.claimOutbox({ owner: 'bounds', limit: 1000, leaseMs: 30_000 })
    await orders.markPublished(
      order.id,
      claims.find((c) => c.orderId === order.id)!.events.map((e) => e.id),
      'bounds',
    )

    const lockInserts = sent.filter((s) => s.name === 'insert' && s.command.insert === 'write_locks')
    expect(lockInserts.length).toBeGreaterThanOrEqual(4)
    for (const insert of lockInserts) {
      const [lock] = insert.command.documents as { until: number }[]
      expect(lock!.until - before).toBeGreaterThanOrEqual(LEASE_MS)
    }
    const lockedWrites = sent.filter((s) => s.name === 'update' && s.command.update !== 'write_locks')
    expect(lockedWrites.map((s) => s.command.update)).toEqual(['carts', 'orders', 'orders', 'orders'])
    for (const write of lockedWrites) expect(write.command.maxTimeMS).toBe(LOCKED_WRITE_MAX_MS)
  })
})
