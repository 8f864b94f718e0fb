import type { OrderPrimitives, OrderRepository } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { anOrder, anOutboxEvent } from '../builders/order-builders.js'
import type { AdapterUnderTest } from '../contract-options.js'
import { claimsOf, eventIdsByOrder } from './outbox-claims.js'

/** The next version of `order` with a changed note (what a use case would write). */
function changed(order: OrderPrimitives, note: string): OrderPrimitives {
  const at = new Date(Date.parse(order.updatedAt) + 1000).toISOString()
  return { ...order, note, version: order.version + 1, updatedAt: at }
}

export function conditionalUpdateContract(subject: AdapterUnderTest<OrderRepository>): void {
  describe('conditional update', () => {
    it('replaces the order when the expected version matches', async () => {
      const order = anOrder()
      await subject.adapter.insert(order, [])
      const next = changed(order, 'ring twice')

      expect(await subject.adapter.update(next, { expectedVersion: order.version, events: [] })).toBe(true)
      expect(await subject.adapter.findById(order.id)).toEqual(next)
    })

    it('rejects a stale version and writes nothing', async () => {
      const order = anOrder()
      await subject.adapter.insert(order, [])
      const next = changed(order, 'first writer')
      await subject.adapter.update(next, { expectedVersion: order.version, events: [] })
      const stale = changed(order, 'second writer, stale')
      const staleEvent = anOutboxEvent(stale, { type: 'order.updated' })

      const applied = await subject.adapter.update(stale, {
        expectedVersion: order.version,
        events: [staleEvent],
      })

      expect(applied).toBe(false)
      expect(await subject.adapter.findById(order.id)).toEqual(next)
      expect(await claimsOf(subject.adapter, [order.id])).toEqual([])
    })

    it('returns false for an unknown order and does not create it', async () => {
      const unknown = anOrder()
      expect(await subject.adapter.update(unknown, { expectedVersion: unknown.version, events: [] })).toBe(
        false,
      )
      expect(await subject.adapter.findById(unknown.id)).toBeNull()
    })

    it('lets exactly one of concurrent updates with the same expected version win', async () => {
      const order = anOrder()
      await subject.adapter.insert(order, [])
      const candidates = Array.from({ length: 10 }, (_, i) => changed(order, `writer ${i}`))

      const results = await Promise.all(
        candidates.map((c) =>
          subject.adapter.update(c, {
            expectedVersion: order.version,
            events: [anOutboxEvent(c, { type: 'order.updated' })],
          }),
        ),
      )

      expect(results.filter(Boolean)).toHaveLength(1)
      const winner = candidates[results.indexOf(true)]!
      expect(await subject.adapter.findById(order.id)).toEqual(winner)
      const [claim] = await claimsOf(subject.adapter, [order.id])
      expect(claim?.events).toHaveLength(1)
    })

    it('appends the events of an update after those already in the outbox', async () => {
      const order = anOrder()
      const created = anOutboxEvent(order)
      await subject.adapter.insert(order, [created])
      const next = changed(order, 'updated')
      const updated = anOutboxEvent(next, { type: 'order.updated' })
      const statusChanged = anOutboxEvent(next, { type: 'order.status_changed' })

      await subject.adapter.update(next, { expectedVersion: order.version, events: [updated, statusChanged] })

      const claims = await claimsOf(subject.adapter, [order.id])
      expect(eventIdsByOrder(claims)).toEqual({ [order.id]: [created.id, updated.id, statusChanged.id] })
      expect(claims[0]!.events).toEqual([created, updated, statusChanged])
    })
  })
}
