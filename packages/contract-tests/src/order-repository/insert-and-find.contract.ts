import type { OrderRepository } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { anOrder, anOrderLine, anOutboxEvent } from '../builders/order-builders.js'
import { uniqueId } from '../builders/unique-id.js'
import type { AdapterUnderTest } from '../contract-options.js'
import { claimsOf, eventIdsByOrder } from './outbox-claims.js'

export function insertAndFindContract(subject: AdapterUnderTest<OrderRepository>): void {
  describe('insert and find', () => {
    it('inserts a new order and finds it by id and by dedupe key, every field intact', async () => {
      const order = anOrder({
        lines: [anOrderLine({ quantity: 3 }), anOrderLine({ unitPrice: { amount: 5, currency: 'EUR' } })],
        shippingAddress: {
          name: 'Ada',
          line1: 'Main St 1',
          city: 'Berlin',
          postalCode: '10115',
          country: 'DE',
        },
        note: 'leave at the door',
      })
      const result = await subject.adapter.insert(order, [anOutboxEvent(order)])
      expect(result).toEqual({ created: true, order })
      expect(await subject.adapter.findById(order.id)).toEqual(order)
      expect(await subject.adapter.findByDedupeKey(order.dedupeKey)).toEqual(order)
    })

    it('returns orders the caller owns: changing one changes neither the store nor another read', async () => {
      const order = anOrder({ lines: [anOrderLine({ quantity: 2 })] })
      // insert may hand back the very object it was given: that one is the caller's already
      const inserted = (await subject.adapter.insert(structuredClone(order), [anOutboxEvent(order)])).order
      const found = (await subject.adapter.findById(order.id))!
      const listed = (await subject.adapter.list({ userId: order.userId, limit: 5 }))[0]!
      for (const copy of [inserted, found, listed]) {
        copy.lines[0]!.quantity = 9
        copy.total = { amount: 1, currency: 'EUR' }
        copy.statusHistory.push({ status: 'Cancelled', at: order.createdAt, actor: 'x' })
      }
      expect(await subject.adapter.findById(order.id)).toEqual(order)
      expect(await subject.adapter.findByDedupeKey(order.dedupeKey)).toEqual(order)
    })

    it('returns null for an unknown id or dedupe key', async () => {
      expect(await subject.adapter.findById(uniqueId('order'))).toBeNull()
      expect(await subject.adapter.findByDedupeKey(`order:${uniqueId('order')}`)).toBeNull()
    })

    it('returns the existing order and writes nothing for a duplicate dedupe key', async () => {
      const first = anOrder()
      const firstEvent = anOutboxEvent(first)
      await subject.adapter.insert(first, [firstEvent])
      const duplicate = anOrder({ dedupeKey: first.dedupeKey, note: 'second attempt' })

      const result = await subject.adapter.insert(duplicate, [anOutboxEvent(duplicate)])

      expect(result).toEqual({ created: false, order: first })
      expect(await subject.adapter.findById(duplicate.id)).toBeNull()
      expect(await subject.adapter.findByDedupeKey(first.dedupeKey)).toEqual(first)
      const claims = await claimsOf(subject.adapter, [first.id, duplicate.id])
      expect(eventIdsByOrder(claims)).toEqual({ [first.id]: [firstEvent.id] })
    })

    it('creates exactly one of concurrent inserts with one dedupe key', async () => {
      const dedupeKey = `checkout:${uniqueId('user')}:1`
      const candidates = Array.from({ length: 10 }, () => anOrder({ dedupeKey }))

      const results = await Promise.all(candidates.map((o) => subject.adapter.insert(o, [anOutboxEvent(o)])))

      const created = results.filter((r) => r.created)
      expect(created).toHaveLength(1)
      const winner = created[0]!.order
      expect(results.map((r) => r.order.id)).toEqual(candidates.map(() => winner.id))
      expect(await subject.adapter.findByDedupeKey(dedupeKey)).toEqual(winner)
      const losers = candidates.filter((c) => c.id !== winner.id)
      for (const loser of losers) expect(await subject.adapter.findById(loser.id)).toBeNull()
    })

    it('throws CONCURRENT_UPDATE for a duplicate id with another dedupe key', async () => {
      const first = anOrder()
      await subject.adapter.insert(first, [])
      const sameId = anOrder({ id: first.id, dedupeKey: `order:${uniqueId('other')}` })

      await expect(subject.adapter.insert(sameId, [])).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' })
      expect(await subject.adapter.findById(first.id)).toEqual(first)
    })

    it('finds a soft-deleted order by id, with its deletedAt', async () => {
      const order = anOrder({ status: 'Cancelled', deletedAt: new Date().toISOString() })
      await subject.adapter.insert(order, [])
      expect(await subject.adapter.findById(order.id)).toEqual(order)
    })
  })
}
