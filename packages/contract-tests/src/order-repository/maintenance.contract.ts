import type { OrderRepository } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { anOrder, anOutboxEvent } from '../builders/order-builders.js'
import type { AdapterUnderTest, ContractEnv } from '../contract-options.js'

const DAY_MS = 86_400_000

/**
 * Purges orders deleted before `deletedBefore` until none is left (the store may hold other tests'
 * deleted orders).
 */
async function purgeAll(repository: OrderRepository, deletedBefore: string): Promise<number> {
  let total = 0
  for (let round = 0; round < 20; round += 1) {
    const purged = await repository.purgeDeleted({ limit: 100, deletedBefore })
    total += purged
    if (purged === 0) break
  }
  return total
}

export function maintenanceContract(subject: AdapterUnderTest<OrderRepository> & { env: ContractEnv }): void {
  const deletedOrder = () => {
    const now = subject.env.clock.now().toISOString()
    return anOrder({ status: 'Cancelled', createdAt: now, deletedAt: now })
  }
  /** Just after "now": every order deleted so far may go. */
  const soon = () => new Date(subject.env.clock.now().getTime() + 1).toISOString()
  const purgeAllDeleted = () => purgeAll(subject.adapter, soon())

  describe('backlog and purge', () => {
    it('counts the unpublished events and reports the time of the oldest', async () => {
      const before = await subject.adapter.outboxBacklog()
      const oldest = Math.min(
        subject.env.clock.now().getTime(),
        before.oldestEventAt ? Date.parse(before.oldestEventAt) : Number.POSITIVE_INFINITY,
      )
      const [t1, t2] = [new Date(oldest - 2 * DAY_MS).toISOString(), new Date(oldest - DAY_MS).toISOString()]
      const a = anOrder()
      const b = anOrder()
      const [a1, a2, b1] = [anOutboxEvent(a, { time: t1 }), anOutboxEvent(a, { time: t2 }), anOutboxEvent(b)]
      await subject.adapter.insert(a, [a1, a2])
      await subject.adapter.insert(b, [b1])

      expect(await subject.adapter.outboxBacklog()).toEqual({ events: before.events + 3, oldestEventAt: t1 })
      await subject.adapter.markPublished(a.id, [a1.id], 'contract')
      expect(await subject.adapter.outboxBacklog()).toEqual({ events: before.events + 2, oldestEventAt: t2 })
      await subject.adapter.markPublished(a.id, [a2.id], 'contract')
      await subject.adapter.markPublished(b.id, [b1.id], 'contract')
      expect(await subject.adapter.outboxBacklog()).toEqual(before)
    })

    it('purges deleted orders whose outbox is empty, and nothing else', async () => {
      const drained = deletedOrder()
      const undrained = deletedOrder()
      const live = anOrder()
      await subject.adapter.insert(drained, [])
      await subject.adapter.insert(undrained, [anOutboxEvent(undrained, { type: 'order.deleted' })])
      await subject.adapter.insert(live, [])

      expect(await purgeAllDeleted()).toBeGreaterThanOrEqual(1)

      expect(await subject.adapter.findById(drained.id)).toBeNull()
      expect(await subject.adapter.findById(undrained.id)).toEqual(undrained)
      expect(await subject.adapter.findById(live.id)).toEqual(live)
    })

    it('purges a deleted order once its outbox has been drained', async () => {
      const order = deletedOrder()
      const event = anOutboxEvent(order, { type: 'order.deleted' })
      await subject.adapter.insert(order, [event])
      await purgeAllDeleted()
      expect(await subject.adapter.findById(order.id)).not.toBeNull()

      await subject.adapter.markPublished(order.id, [event.id], 'contract')

      expect(await purgeAllDeleted()).toBeGreaterThanOrEqual(1)
      expect(await subject.adapter.findById(order.id)).toBeNull()
    })

    it('keeps orders deleted at or after `deletedBefore`', async () => {
      const earlier = deletedOrder()
      await subject.adapter.insert(earlier, [])
      subject.env.clock.advance(1000)
      const later = deletedOrder()
      await subject.adapter.insert(later, [])

      await purgeAll(subject.adapter, later.deletedAt!)

      expect(await subject.adapter.findById(earlier.id)).toBeNull()
      expect(await subject.adapter.findById(later.id)).toEqual(later)
      await purgeAllDeleted()
      expect(await subject.adapter.findById(later.id)).toBeNull()
    })

    it('purges at most `limit` orders per call and reports how many', async () => {
      const orders = [deletedOrder(), deletedOrder(), deletedOrder()]
      for (const order of orders) await subject.adapter.insert(order, [])

      expect(await subject.adapter.purgeDeleted({ limit: 1, deletedBefore: soon() })).toBe(1)
      expect(await purgeAllDeleted()).toBeGreaterThanOrEqual(2)
      for (const order of orders) expect(await subject.adapter.findById(order.id)).toBeNull()
    })
  })
}
