import { isOutboxFull, type OrderPrimitives, type OrderRepository, type OutboxEvent } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { anOrder, anOutboxEvent } from '../builders/order-builders.js'
import { adapterUnderTest } from '../contract-options.js'
import type { OrderRepositoryContractOptions } from './order-repository.contract.js'
import { claimsOf, eventIdsByOrder } from './outbox-claims.js'

/** The bound these tests give the repository: small, so it is reached in a few writes. */
const MAX_PENDING_EVENTS = 3

/** The next version of `order` (a changed note) and the event of that change. */
function change(order: OrderPrimitives, note: string): { next: OrderPrimitives; event: OutboxEvent } {
  const at = new Date(Date.parse(order.updatedAt) + 1000).toISOString()
  const next = { ...order, note, version: order.version + 1, updatedAt: at }
  return { next, event: anOutboxEvent(next, { type: 'order.updated' }) }
}

/** What `update` answers when the outbox is full: the core's OutboxFullError, a 503. */
async function expectRefused(write: Promise<boolean>): Promise<void> {
  const error = await write.then(
    (applied) => new Error(`expected OutboxFullError, but update returned ${applied}`),
    (thrown: unknown) => thrown,
  )
  expect(isOutboxFull(error), String(error)).toBe(true)
  expect(error).toMatchObject({
    code: 'DEPENDENCY_UNAVAILABLE',
    status: 503,
    details: { retryAfterSeconds: 1 },
    maxPendingEvents: MAX_PENDING_EVENTS,
  })
}

/**
 * Re-reads and writes until the write lands (true) or the outbox is full (false); a lost version race is
 * retried, as the core does.
 */
async function appendUntilDone(repository: OrderRepository, orderId: string, note: string): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const stored = await repository.findById(orderId)
    if (!stored) throw new Error(`order ${orderId} vanished`)
    const { next, event } = change(stored, note)
    try {
      if (await repository.update(next, { expectedVersion: stored.version, events: [event] })) return true
    } catch (error) {
      if (isOutboxFull(error)) return false
      throw error
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5))
  }
  throw new Error(`${note} lost 200 races in a row`)
}

export function outboxBoundContract(options: OrderRepositoryContractOptions): void {
  describe(`outbox bound (maxPendingEvents ${MAX_PENDING_EVENTS})`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup, (env) => ({
      ...env,
      maxPendingEvents: MAX_PENDING_EVENTS,
    }))

    it('refuses an append to a full outbox with OutboxFullError, writing nothing, until events are published', async () => {
      const order = anOrder()
      const created = anOutboxEvent(order)
      await subject.adapter.insert(order, [created])
      let current = order
      const appended: string[] = [created.id]
      for (const note of ['second', 'third']) {
        const { next, event } = change(current, note)
        expect(
          await subject.adapter.update(next, { expectedVersion: current.version, events: [event] }),
        ).toBe(true)
        appended.push(event.id)
        current = next
      }
      const { next: fourth, event: fourthEvent } = change(current, 'fourth')

      await expectRefused(
        subject.adapter.update(fourth, { expectedVersion: current.version, events: [fourthEvent] }),
      )

      expect(await subject.adapter.findById(order.id)).toEqual(current)
      const claims = await claimsOf(subject.adapter, [order.id])
      expect(eventIdsByOrder(claims)).toEqual({ [order.id]: appended })
      await subject.adapter.markPublished(order.id, appended, 'contract')
      expect(
        await subject.adapter.update(fourth, { expectedVersion: current.version, events: [fourthEvent] }),
      ).toBe(true)
      expect(await subject.adapter.findById(order.id)).toEqual(fourth)
      expect(eventIdsByOrder(await claimsOf(subject.adapter, [order.id]))).toEqual({
        [order.id]: [fourthEvent.id],
      })
    })

    it('counts the events already waiting: a write that finds room appends all of its events', async () => {
      const order = anOrder()
      const waiting = [anOutboxEvent(order), anOutboxEvent(order)]
      await subject.adapter.insert(order, waiting)
      const { next, event } = change(order, 'cancelled')
      const cancelled = anOutboxEvent(next, { type: 'order.cancelled' })

      expect(
        await subject.adapter.update(next, { expectedVersion: order.version, events: [event, cancelled] }),
      ).toBe(true)

      const claims = await claimsOf(subject.adapter, [order.id])
      expect(eventIdsByOrder(claims)).toEqual({ [order.id]: [...waiting, event, cancelled].map((e) => e.id) })
      const after = change(next, 'one more')
      await expectRefused(
        subject.adapter.update(after.next, { expectedVersion: next.version, events: [after.event] }),
      )
    })

    it('never refuses an insert, or an update that appends no events', async () => {
      const order = anOrder()
      const events = Array.from({ length: MAX_PENDING_EVENTS + 2 }, () => anOutboxEvent(order))

      expect((await subject.adapter.insert(order, events)).created).toBe(true)
      const { next } = change(order, 'no event')
      expect(await subject.adapter.update(next, { expectedVersion: order.version, events: [] })).toBe(true)

      expect(await subject.adapter.findById(order.id)).toEqual(next)
      const claims = await claimsOf(subject.adapter, [order.id])
      expect(eventIdsByOrder(claims)).toEqual({ [order.id]: events.map((e) => e.id) })
    })

    it('lets only as many concurrent writers append as the outbox has room for', async () => {
      const order = anOrder()
      await subject.adapter.insert(order, [])
      const writers = Array.from({ length: 8 }, (_, i) => `writer ${i}`)

      const results = await Promise.all(writers.map((w) => appendUntilDone(subject.adapter, order.id, w)))

      expect(results.filter(Boolean)).toHaveLength(MAX_PENDING_EVENTS)
      const stored = await subject.adapter.findById(order.id)
      expect(stored?.version).toBe(order.version + MAX_PENDING_EVENTS)
      const winners = writers.filter((_, i) => results[i])
      expect(winners).toContain(stored?.note)
      const [claim] = await claimsOf(subject.adapter, [order.id])
      expect(claim?.events).toHaveLength(MAX_PENDING_EVENTS)
      expect(claim?.events.map((e) => e.data.note).toSorted()).toEqual(winners.toSorted())
    })
  })
}
