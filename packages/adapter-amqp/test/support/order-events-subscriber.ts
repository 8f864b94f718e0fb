import type { OutboxEvent } from '@orders/core'
import type { ConsumeMessage } from 'amqplib'
import { REQUEST_ID_HEADER, readOrderEvent } from '../../src/index.js'
import type { BrokerFixture } from './broker.js'

/** A subscriber of the order events exchange: a queue bound to `#` that records every message. */
export class OrderEventsSubscriber {
  readonly messages: ConsumeMessage[] = []
  /** Bodies that broke `order-event.schema.json` (should stay empty). */
  readonly invalid: string[] = []

  private constructor(readonly queue: string) {}

  static async bind(fixture: BrokerFixture, exchange: string, queue: string): Promise<OrderEventsSubscriber> {
    const subscriber = new OrderEventsSubscriber(queue)
    fixture.trackExchanges(exchange)
    fixture.trackQueues(queue)
    await fixture.channel.assertExchange(exchange, 'topic', { durable: true })
    await fixture.channel.assertQueue(queue, { durable: false, exclusive: false, autoDelete: false })
    await fixture.channel.bindQueue(queue, exchange, '#')
    await fixture.channel.consume(queue, (message) => message && subscriber.record(message), { noAck: true })
    return subscriber
  }

  /** What arrived, as outbox events (`requestId` read back from the `x-request-id` header). */
  events(): OutboxEvent[] {
    return this.messages.map((message) => {
      const requestId = message.properties.headers?.[REQUEST_ID_HEADER]
      return { ...JSON.parse(message.content.toString()), requestId: requestId ?? null }
    })
  }

  private record(message: ConsumeMessage): void {
    this.messages.push(message)
    const read = readOrderEvent(message.content)
    if (!read.ok) this.invalid.push(read.reason)
  }
}
