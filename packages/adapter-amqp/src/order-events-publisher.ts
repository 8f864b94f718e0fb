import { dependencyUnavailable, type EventPublisher, type OutboxEvent, toEnvelope } from '@orders/core'
import type { ChannelModel, Options } from 'amqplib'
import type { AmqpConnection, AmqpParticipant } from './connection.js'
import { ConfirmedPublisher } from './publish-confirmed.js'
import { assertOrderEventsTopology, DEFAULT_ORDER_EVENTS_EXCHANGE } from './topology.js'

export interface OrderEventsPublisherOptions {
  connection: AmqpConnection
  /** @default 'order.events' */
  exchange?: string
}

/** The header carrying the request id that caused an event. */
export const REQUEST_ID_HEADER = 'x-request-id'

/** The AMQP message of an outbox event: the envelope as the JSON body, routing key = type. */
export function orderEventMessage(event: OutboxEvent): {
  routingKey: string
  content: Buffer
  options: Options.Publish
} {
  const headers: Record<string, string> = {}
  if (event.requestId) headers[REQUEST_ID_HEADER] = event.requestId
  return {
    routingKey: event.type,
    content: Buffer.from(JSON.stringify(toEnvelope(event))),
    options: {
      persistent: true,
      contentType: 'application/json',
      messageId: event.id,
      type: event.type,
      appId: event.source,
      timestamp: Math.floor(Date.parse(event.time) / 1000),
      headers,
    },
  }
}

/**
 * The EventPublisher port on a confirm channel: `publish` resolves only once the broker confirmed every
 * event (so the outbox relay marks them published only then). While disconnected it fails at once with
 * DEPENDENCY_UNAVAILABLE: the events stay in the outbox, nothing is buffered in memory.
 * @example
 * const publisher = amqpOrderEventsPublisher({ connection })
 * await publisher.start()
 * const service = createOrderService({ ...adapters, publisher })
 */
export class OrderEventsPublisher implements EventPublisher, AmqpParticipant {
  readonly name = 'order events publisher'
  readonly exchange: string
  private publisher: ConfirmedPublisher | undefined

  constructor(private readonly options: OrderEventsPublisherOptions) {
    this.exchange = options.exchange ?? DEFAULT_ORDER_EVENTS_EXCHANGE
  }

  /** Asserts the exchange and opens the confirm channel; resolves once ready (after the first connect). */
  start(): Promise<void> {
    return this.options.connection.attach(this)
  }

  /** Detaches from the connection; later publishes fail with DEPENDENCY_UNAVAILABLE. */
  stop(): Promise<void> {
    return this.options.connection.detach(this)
  }

  async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel()
    channel.on('error', () => {})
    channel.on('close', () => {
      if (this.publisher?.channel !== channel) return
      this.publisher = undefined
      this.options.connection.reset(new Error('[orders] [amqp] order events channel closed'))
    })
    await assertOrderEventsTopology(channel, this.exchange)
    this.publisher = new ConfirmedPublisher(channel)
  }

  disconnected(): void {
    this.publisher = undefined
  }

  async shutdown(): Promise<void> {
    const channel = this.publisher?.channel
    this.publisher = undefined
    await channel?.close().catch(() => {})
  }

  async publish(events: readonly OutboxEvent[]): Promise<void> {
    if (events.length === 0) return
    const publisher = this.publisher
    if (!publisher)
      throw dependencyUnavailable('amqp', 'not connected to the broker; events stay in the outbox')
    try {
      await Promise.all(
        events.map((event) => publisher.publish({ exchange: this.exchange, ...orderEventMessage(event) })),
      )
    } catch (error) {
      throw dependencyUnavailable('amqp', error)
    }
  }
}

/** Creates the order events publisher (see {@link OrderEventsPublisher}); call `start()` before use. */
export function amqpOrderEventsPublisher(options: OrderEventsPublisherOptions): OrderEventsPublisher {
  return new OrderEventsPublisher(options)
}
