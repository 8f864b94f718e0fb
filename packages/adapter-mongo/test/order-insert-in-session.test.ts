import { anOrder, anOutboxEvent } from '@orders/contract-tests'
import { isOrderServiceError } from '@orders/core'
import mongoose, { type Connection } from 'mongoose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mongoOrderRepository } from '../src/index.js'
import { FAIL_FAST, mongodbUri, useTestDatabase } from './support/database.js'

// Inside a MongoDB transaction a failed write aborts the transaction: an order insert bound to a
// session must not rely on reading after an E11000. FerretDB has no transactions, but it accepts
// sessions, so the commands such an insert sends are checked here.
describe.skipIf(!mongodbUri)('order insert bound to a session (the transactional path)', () => {
  const db = useTestDatabase('insession')
  let watched: Connection
  const sent: { name: string; collection: unknown; ok: boolean | undefined }[] = []
  beforeAll(async () => {
    watched = await mongoose
      .createConnection(mongodbUri!, { ...FAIL_FAST, dbName: db.connection.name, monitorCommands: true })
      .asPromise()
    const client = watched.getClient()
    client.on('commandStarted', (e) => {
      sent.push({ name: e.commandName, collection: e.command[e.commandName], ok: undefined })
    })
    client.on('commandSucceeded', (e) => {
      const reply = e.reply as { writeErrors?: unknown[] }
      const last = sent.at(-1)
      if (last) last.ok = !reply.writeErrors?.length
    })
    client.on('commandFailed', () => {
      const last = sent.at(-1)
      if (last) last.ok = false
    })
  })
  afterAll(async () => {
    await watched?.close()
  })

  const inSession = async <T>(run: (orders: ReturnType<typeof mongoOrderRepository>) => Promise<T>) => {
    const session = watched.getClient().startSession()
    try {
      return await run(mongoOrderRepository({ connection: watched, session }))
    } finally {
      await session.endSession()
    }
  }

  it('answers an existing dedupe key from a lookup, without trying the insert', async () => {
    const order = anOrder()
    await mongoOrderRepository({ connection: db.connection }).insert(order, [anOutboxEvent(order)])
    const again = { ...anOrder(), dedupeKey: order.dedupeKey }
    sent.length = 0

    const result = await inSession((orders) => orders.insert(again, [anOutboxEvent(again)]))

    expect(result).toEqual({ created: false, order })
    expect(sent.filter((s) => s.collection === 'orders').map((s) => s.name)).toEqual(['find'])
  })

  it('answers a duplicate key CONCURRENT_UPDATE, reading nothing after the failed insert', async () => {
    const order = anOrder()
    await mongoOrderRepository({ connection: db.connection }).insert(order, [anOutboxEvent(order)])
    const sameId = { ...anOrder(), id: order.id }
    sent.length = 0

    const error = await inSession((orders) => orders.insert(sameId, [anOutboxEvent(sameId)])).catch((e) => e)

    expect(isOrderServiceError(error, 'CONCURRENT_UPDATE'), String(error)).toBe(true)
    const commands = sent.filter((s) => s.collection === 'orders')
    expect(commands.map((s) => s.name)).toEqual(['find', 'insert'])
    expect(commands.at(-1)?.ok).toBe(false)
  })

  it('inserts a new order once', async () => {
    const order = anOrder()
    const result = await inSession((orders) => orders.insert(order, [anOutboxEvent(order)]))
    expect(result).toEqual({ created: true, order })
    expect(await mongoOrderRepository({ connection: db.connection }).findById(order.id)).toEqual(order)
  })
})
