import { anOrder, anOutboxEvent } from '@orders/contract-tests'
import { createOrderService } from '@orders/core'
import { inMemoryEventPublisher, manualClock } from '@orders/core/testing'
import type { Connection } from 'mongoose'
import { describe, expect, it } from 'vitest'
import { mongoAdapters } from '../src/index.js'
import { mongodbUri, useSecondConnection, useTestDatabase } from './support/database.js'

const quiet = { info: () => {} }

describe.skipIf(!mongodbUri)('outbox relay of two instances on one database', () => {
  const db = useTestDatabase('relay')
  const second = useSecondConnection(db)

  /** An instance: its own connection, publisher and relay; one clock shared by both. */
  async function anInstance(connection: Connection, clock = manualClock(new Date())) {
    const adapters = await mongoAdapters({ connection, clock, logger: quiet })
    const publisher = inMemoryEventPublisher()
    const service = createOrderService({ ...adapters, clock, publisher })
    return { service, adapters, publisher, clock }
  }

  it('publishes every event, none twice, while both relay at once and orders keep coming', async () => {
    const a = await anInstance(db.connection)
    const b = await anInstance(second.connection, a.clock)
    const written: string[] = []
    const writer = (async () => {
      for (let i = 0; i < 30; i += 1) {
        const order = anOrder()
        const events = [anOutboxEvent(order), anOutboxEvent(order, { type: 'cart.checked_out' })]
        await (i % 2 ? a : b).adapters.orders.insert(order, events)
        written.push(...events.map((e) => e.id))
      }
    })()
    const relay = async (instance: typeof a, owner: string) => {
      for (let pass = 0; pass < 200; pass += 1) {
        await instance.service.worker.relayOutboxOnce({ owner, limit: 5 })
        if (written.length === 60 && (await instance.service.worker.outboxBacklog()).events === 0) return
      }
    }
    await Promise.all([writer, relay(a, 'instance-a'), relay(b, 'instance-b')])

    const published = [...a.publisher.published, ...b.publisher.published].map((e) => e.id)
    expect(published.toSorted()).toEqual(written.toSorted())
    expect(await a.service.worker.outboxBacklog()).toEqual({ events: 0, oldestEventAt: null })
  }, 60_000)

  it('keeps the events of a failed publish and hands them out again after the lease', async () => {
    const a = await anInstance(db.connection)
    const b = await anInstance(second.connection, a.clock)
    const order = anOrder()
    const event = anOutboxEvent(order)
    await a.adapters.orders.insert(order, [event])

    a.publisher.failures.failNext('publish')
    expect(await a.service.worker.relayOutboxOnce({ owner: 'instance-a' })).toMatchObject({ failed: 1 })
    expect(await b.service.worker.relayOutboxOnce({ owner: 'instance-b' })).toMatchObject({ claimed: 0 })

    a.clock.advance(30_000)
    expect(await b.service.worker.relayOutboxOnce({ owner: 'instance-b' })).toMatchObject({ published: 1 })
    expect(b.publisher.published.map((e) => e.id)).toEqual([event.id])
    expect(await a.service.worker.relayOutboxOnce({ owner: 'instance-a' })).toMatchObject({ claimed: 0 })
  })
})
