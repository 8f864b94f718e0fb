import { anOrder, anOutboxEvent } from '@orders/contract-tests'
import {
  type Actor,
  createOrderService,
  DEFAULT_MAX_PENDING_EVENTS,
  isOutboxFull,
  type OrderPrimitives,
} from '@orders/core'
import { inMemoryEventPublisher, inMemoryProductSource, manualClock } from '@orders/core/testing'
import { describe, expect, it } from 'vitest'
import { mongoAdapters, mongoOrderRepository } from '../src/index.js'
import { mongodbUri, useTestDatabase } from './support/database.js'
import { aCatalog } from './support/service.js'

const quiet = { info: () => {} }
const alice: Actor = { userId: 'alice', role: 'customer' }

const changed = (order: OrderPrimitives, note: string) => ({ ...order, note, version: order.version + 1 })

describe.skipIf(!mongodbUri)(
  'the bounded embedded outbox (regression: unbounded, it could pass 16 MB and answer 500)',
  () => {
    const db = useTestDatabase('outbox_bound')

    it('answers a PATCH loop 503 DEPENDENCY_UNAVAILABLE while the broker is down, and takes changes again once drained', async () => {
      const clock = manualClock(new Date())
      const mongo = await mongoAdapters({
        connection: db.connection,
        clock,
        logger: quiet,
        maxPendingEvents: 3,
      })
      const publisher = inMemoryEventPublisher()
      const catalog = aCatalog('bound', 1)
      const service = createOrderService(
        { ...mongo, clock, publisher, productSource: inMemoryProductSource(catalog) },
        { retryBaseDelayMs: 1 },
      )
      const { order } = await service.orders.create({
        actor: alice,
        userId: 'alice',
        lines: [{ productId: catalog[0]!.productId, quantity: 1 }],
      })

      const outcomes: string[] = []
      for (let i = 0; i < 5; i += 1) {
        outcomes.push(
          await service.orders
            .update({ actor: alice, orderId: order.id, changes: { note: `edit ${i}` } })
            .then(
              () => 'ok',
              (error: { code?: string }) => error.code ?? String(error),
            ),
        )
      }

      expect(outcomes).toEqual([
        'ok',
        'ok',
        'DEPENDENCY_UNAVAILABLE',
        'DEPENDENCY_UNAVAILABLE',
        'DEPENDENCY_UNAVAILABLE',
      ])
      expect(await service.orders.get({ actor: alice, orderId: order.id })).toMatchObject({
        version: 3,
        note: 'edit 1',
      })
      expect(await service.worker.relayOutboxOnce({ owner: 'relay' })).toMatchObject({ published: 3 })
      await service.orders.update({ actor: alice, orderId: order.id, changes: { note: 'after the outage' } })
      expect(await service.orders.get({ actor: alice, orderId: order.id })).toMatchObject({ version: 4 })
    })

    it(`bounds an order's outbox at ${DEFAULT_MAX_PENDING_EVENTS} events by default`, async () => {
      const orders = mongoOrderRepository({ connection: db.connection })
      const order = anOrder()
      await orders.insert(
        order,
        Array.from({ length: DEFAULT_MAX_PENDING_EVENTS - 1 }, () => anOutboxEvent(order)),
      )
      const last = changed(order, 'the 100th event')
      expect(
        await orders.update(last, { expectedVersion: order.version, events: [anOutboxEvent(last)] }),
      ).toBe(true)

      const refused = changed(last, 'the 101st event')
      const error = await orders
        .update(refused, { expectedVersion: last.version, events: [anOutboxEvent(refused)] })
        .catch((e: unknown) => e)

      expect(isOutboxFull(error)).toBe(true)
      expect(await orders.findById(order.id)).toEqual(last)
    })

    it('refuses a bound that is not a positive integer', () => {
      for (const maxPendingEvents of [0, -1, 1.5, Number.NaN]) {
        expect(() => mongoOrderRepository({ connection: db.connection, maxPendingEvents })).toThrow(
          /maxPendingEvents must be a positive integer/,
        )
      }
    })
  },
)
