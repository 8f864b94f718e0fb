import { anOrder, anOutboxEvent } from '@orders/contract-tests'
import type { Clock } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { mongoOrderRepository } from '../src/index.js'
import { mongodbUri, useTestDatabase } from './support/database.js'

function manualClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms
    },
  }
}

describe.skipIf(!mongodbUri)('markPublished and the leases of other relays', () => {
  const db = useTestDatabase('leases')

  it("keeps another relay's running lease when a relay whose lease ran out marks its events", async () => {
    const clock = manualClock()
    const [relayA, relayB, relayC] = ['a', 'b', 'c'].map(() =>
      mongoOrderRepository({ connection: db.connection, clock }),
    )
    const order = anOrder()
    const first = anOutboxEvent(order)
    await relayA!.insert(order, [first])
    const claimedByA = await relayA!.claimOutbox({ owner: 'relay-a', limit: 10, leaseMs: 1_000 })
    expect(claimedByA.map((c) => c.orderId)).toEqual([order.id])

    // A stalls past its lease; an event is added and relay B claims both.
    clock.advance(2_000)
    const next = { ...order, note: 'later', version: order.version + 1 }
    const second = anOutboxEvent(next, { type: 'order.updated' })
    expect(await relayA!.update(next, { expectedVersion: order.version, events: [second] })).toBe(true)
    const claimedByB = await relayB!.claimOutbox({ owner: 'relay-b', limit: 10, leaseMs: 30_000 })
    expect(claimedByB[0]?.events.map((e) => e.id)).toEqual([first.id, second.id])

    // A finally marks what it published: B's lease must still stand for the event A did not publish.
    await relayA!.markPublished(order.id, [first.id], 'relay-a')
    clock.advance(1_000)
    expect(await relayC!.claimOutbox({ owner: 'relay-c', limit: 10, leaseMs: 30_000 })).toEqual([])
    expect(await relayA!.outboxBacklog()).toMatchObject({ events: 1 })

    // B publishes; nothing is left. Once B's lease is over, nothing is due either.
    await relayB!.markPublished(order.id, [first.id, second.id], 'relay-b')
    clock.advance(60_000)
    expect(await relayC!.claimOutbox({ owner: 'relay-c', limit: 10, leaseMs: 30_000 })).toEqual([])
  })

  it('makes the order due again at once when the relay marking it still holds its own lease', async () => {
    const clock = manualClock()
    const relay = mongoOrderRepository({ connection: db.connection, clock })
    const order = anOrder()
    const first = anOutboxEvent(order)
    await relay.insert(order, [first])
    await relay.claimOutbox({ owner: 'relay', limit: 10, leaseMs: 30_000 })
    const next = { ...order, note: 'meanwhile', version: order.version + 1 }
    const second = anOutboxEvent(next, { type: 'order.updated' })
    await relay.update(next, { expectedVersion: order.version, events: [second] })

    await relay.markPublished(order.id, [first.id], 'relay')

    const again = await mongoOrderRepository({ connection: db.connection, clock }).claimOutbox({
      owner: 'other',
      limit: 10,
      leaseMs: 30_000,
    })
    expect(again.map((c) => c.events.map((e) => e.id))).toEqual([[second.id]])
  })
})
