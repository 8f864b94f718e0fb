import type { EventPublisher, OutboxEvent } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { anOrder, anOutboxEvent } from './builders/order-builders.js'
import { adapterUnderTest, type ContractOptions } from './contract-options.js'

export interface EventPublisherContractOptions extends ContractOptions<EventPublisher> {
  /** What subscribers have received so far (for AMQP: read from a test queue bound to the exchange). */
  received: () => Promise<OutboxEvent[]>
}

/** How long a published event may take to reach a subscriber. */
const DELIVERY_TIMEOUT_MS = 5000

/** The fields a subscriber sees (`requestId` travels as a header, not in the body). */
const onTheWire = ({ requestId: _requestId, ...envelope }: OutboxEvent) => envelope

/**
 * The EventPublisher contract (see the port's JSDoc): confirmed events reach subscribers intact,
 * at least once.
 * @example
 * describeEventPublisherContract({
 *   name: 'amqp',
 *   create: () => amqpEventPublisher({ connection, exchange }),
 *   received: () => testQueue.drain(),
 * })
 */
export function describeEventPublisherContract(options: EventPublisherContractOptions): void {
  describe(`${options.name} EventPublisher contract`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup)

    /** Waits until every id was received at least once; returns what was received of `events`. */
    const receivedOf = async (events: readonly OutboxEvent[]): Promise<OutboxEvent[]> => {
      const ids = new Set(events.map((e) => e.id))
      const deadline = Date.now() + DELIVERY_TIMEOUT_MS
      for (;;) {
        const ours = (await options.received()).filter((e) => ids.has(e.id))
        if (new Set(ours.map((e) => e.id)).size === ids.size || Date.now() > deadline) return ours
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }

    it('delivers a published event with its id, type, subject and data intact', async () => {
      const order = anOrder({ note: 'fragile', status: 'Processing' })
      const event = anOutboxEvent(order, { type: 'order.status_changed', requestId: 'req-1' })

      await subject.adapter.publish([event])

      const received = await receivedOf([event])
      expect(received.length).toBeGreaterThanOrEqual(1)
      for (const copy of received) expect(onTheWire(copy)).toEqual(onTheWire(event))
    })

    it('delivers every event of a batch', async () => {
      const [first, second] = [anOrder(), anOrder()]
      const events = [
        anOutboxEvent(first),
        anOutboxEvent(first, { type: 'order.updated' }),
        anOutboxEvent(second),
        anOutboxEvent(second, { type: 'order.cancelled' }),
        anOutboxEvent(second, { type: 'order.deleted' }),
      ]

      await subject.adapter.publish(events)

      const received = await receivedOf(events)
      const byId = new Map(received.map((e) => [e.id, onTheWire(e)]))
      expect(events.map((e) => byId.get(e.id))).toEqual(events.map(onTheWire))
    })

    it('accepts the same event published twice (delivery is at least once)', async () => {
      const event = anOutboxEvent(anOrder())

      await subject.adapter.publish([event])
      await subject.adapter.publish([event])

      const received = await receivedOf([event])
      expect(received.length).toBeGreaterThanOrEqual(1)
      for (const copy of received) expect(onTheWire(copy)).toEqual(onTheWire(event))
    })

    it('resolves for an empty batch', async () => {
      await expect(subject.adapter.publish([])).resolves.toBeUndefined()
    })
  })
}
