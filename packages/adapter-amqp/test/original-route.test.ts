import type { Message, MessagePropertyHeaders, XDeath } from 'amqplib'
import { describe, expect, it } from 'vitest'
import { copyOptions, FAILURE_HEADERS, originalRoute } from '../src/failure-headers.js'

/** A delivery as amqplib hands it over: only the fields the route is read from. */
function aDelivery(exchange: string, routingKey: string, headers: MessagePropertyHeaders = {}): Message {
  return {
    content: Buffer.from('{}'),
    fields: { deliveryTag: 1, redelivered: false, exchange, routingKey },
    properties: { headers },
  } as unknown as Message
}

/** An `x-death` entry as RabbitMQ writes it. */
const aDeath = (queue: string, exchange: string, routingKey: string): XDeath => ({
  count: 1,
  reason: 'expired',
  queue,
  time: { '!': 'timestamp', value: 1_700_000_000 },
  exchange,
  'routing-keys': [routingKey],
})

describe('the route a product event was first published with', () => {
  it('is the delivery’s own exchange and routing key when a named exchange routed it', () => {
    const delivery = aDelivery('product.events', 'product.updated', {
      [FAILURE_HEADERS.originalExchange]: 'product.events',
      [FAILURE_HEADERS.originalRoutingKey]: 'product.deleted',
    })
    expect(originalRoute(delivery)).toEqual({ exchange: 'product.events', routingKey: 'product.updated' })
  })

  it('is read from the copy’s headers when it came back through the default exchange', () => {
    const retried = aDelivery('', 'svc.product-events', {
      [FAILURE_HEADERS.originalExchange]: 'product.events',
      [FAILURE_HEADERS.originalRoutingKey]: 'product.created',
      'x-death': [aDeath('svc.product-events.retry.1000ms', '', 'svc.product-events.retry.1000ms')],
    })
    expect(originalRoute(retried)).toEqual({ exchange: 'product.events', routingKey: 'product.created' })
  })

  it('is read from the oldest x-death entry naming an exchange when RabbitMQ dead-lettered it', () => {
    const replayed = aDelivery('', 'svc.product-events', {
      'x-death': [
        aDeath('svc.product-events.retry.1000ms', '', 'svc.product-events.retry.1000ms'),
        aDeath('svc.product-events', 'product.events', 'product.deleted'),
      ],
    })
    expect(originalRoute(replayed)).toEqual({ exchange: 'product.events', routingKey: 'product.deleted' })
  })

  it('is unknown for a message put into the queue by name that records no route', () => {
    const manual = aDelivery('', 'svc.product-events', {
      [FAILURE_HEADERS.originalExchange]: '',
      [FAILURE_HEADERS.originalRoutingKey]: 'svc.product-events',
    })
    expect(originalRoute(manual)).toBeUndefined()
  })

  it('is what a retry or DLQ copy records, whatever headers the publisher set', () => {
    const delivery = aDelivery('product.events', 'product.updated', {
      [FAILURE_HEADERS.originalRoutingKey]: 'product.deleted',
    })
    expect(copyOptions(delivery, {}).headers).toMatchObject({
      [FAILURE_HEADERS.originalExchange]: 'product.events',
      [FAILURE_HEADERS.originalRoutingKey]: 'product.updated',
    })
  })
})
