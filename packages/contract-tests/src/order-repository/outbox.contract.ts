import type { OrderRepository } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { anOrder, anOutboxEvent } from '../builders/order-builders.js'
import { uniqueId } from '../builders/unique-id.js'
import type { AdapterUnderTest, ContractEnv } from '../contract-options.js'
import { claimsOf, eventIdsByOrder } from './outbox-claims.js'

const LEASE_MS = 30_000

export function outboxContract(subject: AdapterUnderTest<OrderRepository> & { env: ContractEnv }): void {
  /** Inserts an order with `count` outbox events (1 s apart, oldest first) and returns both. */
  const orderWithEvents = async (count: number) => {
    const order = anOrder({ createdAt: subject.env.clock.now().toISOString() })
    const events = Array.from({ length: count }, (_, i) =>
      anOutboxEvent(order, { time: new Date(Date.parse(order.createdAt) + i * 1000).toISOString() }),
    )
    await subject.adapter.insert(order, events)
    return { order, events, eventIds: events.map((e) => e.id) }
  }

  describe('outbox', () => {
    it('returns the unpublished events of an order, oldest first, every field intact', async () => {
      const { order, events } = await orderWithEvents(2)
      const withRequestId = anOrder()
      const requested = anOutboxEvent(withRequestId, { type: 'order.updated', requestId: 'req-42' })
      await subject.adapter.insert(withRequestId, [requested])

      const claims = await claimsOf(subject.adapter, [order.id, withRequestId.id])

      expect(claims.find((c) => c.orderId === order.id)?.events).toEqual(events)
      expect(claims.find((c) => c.orderId === withRequestId.id)?.events).toEqual([requested])
    })

    it('gives a leased order to no other claimer until the lease has run out', async () => {
      const { order, eventIds } = await orderWithEvents(1)

      const first = await claimsOf(subject.adapter, [order.id], { owner: 'instance-a', leaseMs: LEASE_MS })
      expect(eventIdsByOrder(first)).toEqual({ [order.id]: eventIds })
      expect(await claimsOf(subject.adapter, [order.id], { owner: 'instance-b', leaseMs: LEASE_MS })).toEqual(
        [],
      )

      subject.env.clock.advance(LEASE_MS / 2)
      expect(await claimsOf(subject.adapter, [order.id], { owner: 'instance-b', leaseMs: LEASE_MS })).toEqual(
        [],
      )

      subject.env.clock.advance(LEASE_MS / 2)
      const again = await claimsOf(subject.adapter, [order.id], { owner: 'instance-b', leaseMs: LEASE_MS })
      expect(eventIdsByOrder(again)).toEqual({ [order.id]: eventIds })
    })

    it('never gives one order to two concurrent claimers', async () => {
      const inserted = await Promise.all(Array.from({ length: 6 }, () => orderWithEvents(1)))
      const ids = inserted.map((i) => i.order.id)

      const claims = await Promise.all(
        ['a', 'b', 'c', 'd'].map((owner) => claimsOf(subject.adapter, ids, { owner, leaseMs: LEASE_MS })),
      )

      const claimedIds = claims.flat().map((c) => c.orderId)
      expect(claimedIds.toSorted()).toEqual(ids.toSorted())
    })

    it('claims at most `limit` orders', async () => {
      await Promise.all(Array.from({ length: 3 }, () => orderWithEvents(1)))
      const claimed = await subject.adapter.claimOutbox({ owner: 'contract', limit: 2, leaseMs: LEASE_MS })
      expect(claimed).toHaveLength(2)
    })

    it('does not change the version when claiming', async () => {
      const { order } = await orderWithEvents(1)
      await claimsOf(subject.adapter, [order.id])
      expect((await subject.adapter.findById(order.id))?.version).toBe(order.version)
      const next = { ...order, note: 'after claim', version: order.version + 1 }
      expect(await subject.adapter.update(next, { expectedVersion: order.version, events: [] })).toBe(true)
    })

    it('removes only the published events and makes the order due again at once', async () => {
      const { order, eventIds } = await orderWithEvents(3)
      await claimsOf(subject.adapter, [order.id])

      await subject.adapter.markPublished(order.id, [eventIds[0]!, eventIds[2]!], 'contract')

      const again = await claimsOf(subject.adapter, [order.id])
      expect(eventIdsByOrder(again)).toEqual({ [order.id]: [eventIds[1]] })
    })

    it("keeps another relay's running lease when a relay whose lease ran out marks its events", async () => {
      const { order, eventIds } = await orderWithEvents(1)
      await claimsOf(subject.adapter, [order.id], { owner: 'relay-a', leaseMs: LEASE_MS })
      // A stalls past its lease; an event is added and relay B claims both.
      subject.env.clock.advance(LEASE_MS + 1_000)
      const next = { ...order, note: 'later', version: order.version + 1 }
      const late = anOutboxEvent(next, { type: 'order.updated' })
      expect(await subject.adapter.update(next, { expectedVersion: order.version, events: [late] })).toBe(
        true,
      )
      const byB = await claimsOf(subject.adapter, [order.id], { owner: 'relay-b', leaseMs: LEASE_MS })
      expect(eventIdsByOrder(byB)).toEqual({ [order.id]: [...eventIds, late.id] })

      // A finally marks what it published: B's lease still stands for the event A did not publish.
      await subject.adapter.markPublished(order.id, eventIds, 'relay-a')
      subject.env.clock.advance(1_000)
      expect(await claimsOf(subject.adapter, [order.id], { owner: 'relay-c', leaseMs: LEASE_MS })).toEqual([])

      // B publishes both; nothing is left, and nothing is due once B's lease is over either.
      await subject.adapter.markPublished(order.id, [...eventIds, late.id], 'relay-b')
      subject.env.clock.advance(2 * LEASE_MS)
      expect(await claimsOf(subject.adapter, [order.id], { owner: 'relay-c', leaseMs: LEASE_MS })).toEqual([])
    })

    it('claims nothing once every event is published, even after the lease', async () => {
      const { order, eventIds } = await orderWithEvents(2)
      await claimsOf(subject.adapter, [order.id])
      await subject.adapter.markPublished(order.id, eventIds, 'contract')
      subject.env.clock.advance(LEASE_MS)
      expect(await claimsOf(subject.adapter, [order.id])).toEqual([])
    })

    it('marks published idempotently, ignores unknown ids and never changes the version', async () => {
      const { order, eventIds } = await orderWithEvents(2)
      await claimsOf(subject.adapter, [order.id])

      await subject.adapter.markPublished(order.id, [eventIds[0]!, uniqueId('event')], 'contract')
      await subject.adapter.markPublished(order.id, [eventIds[0]!], 'contract')
      await subject.adapter.markPublished(uniqueId('order'), [eventIds[1]!], 'contract')

      expect(await subject.adapter.findById(order.id)).toEqual(order)
      expect(eventIdsByOrder(await claimsOf(subject.adapter, [order.id]))).toEqual({
        [order.id]: [eventIds[1]],
      })
      const next = { ...order, note: 'after publish', version: order.version + 1 }
      expect(await subject.adapter.update(next, { expectedVersion: order.version, events: [] })).toBe(true)
    })

    it('hands the same events out again after a failed publish once the lease expires (at least once)', async () => {
      const { order, eventIds } = await orderWithEvents(2)

      const first = await claimsOf(subject.adapter, [order.id], { leaseMs: LEASE_MS })
      expect(eventIdsByOrder(first)).toEqual({ [order.id]: eventIds })
      // the publish fails: nothing is marked published
      subject.env.clock.advance(LEASE_MS)

      const retry = await claimsOf(subject.adapter, [order.id], { leaseMs: LEASE_MS })
      expect(eventIdsByOrder(retry)).toEqual({ [order.id]: eventIds })
    })

    it('keeps events appended during a lease for the next claim', async () => {
      const { order, eventIds } = await orderWithEvents(1)
      await claimsOf(subject.adapter, [order.id])
      const next = { ...order, note: 'changed while leased', version: order.version + 1 }
      const late = anOutboxEvent(next, { type: 'order.updated' })
      await subject.adapter.update(next, { expectedVersion: order.version, events: [late] })

      await subject.adapter.markPublished(order.id, eventIds, 'contract')

      expect(eventIdsByOrder(await claimsOf(subject.adapter, [order.id]))).toEqual({ [order.id]: [late.id] })
    })
  })
}
