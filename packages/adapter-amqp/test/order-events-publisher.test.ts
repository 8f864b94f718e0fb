import { anOrder, anOutboxEvent, describeEventPublisherContract } from '@orders/contract-tests'
import { isOrderServiceError } from '@orders/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AmqpConnection,
  amqpConnection,
  amqpOrderEventsPublisher,
  type OrderEventsPublisher,
  REQUEST_ID_HEADER,
} from '../src/index.js'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { OrderEventsSubscriber } from './support/order-events-subscriber.js'
import { brokerAddress, proxiedUrl, TcpProxy } from './support/tcp-proxy.js'

const broker = await brokerAvailable()
const prefix = uniqueNames('publisher')
const exchange = `${prefix}.order.events`

describe.skipIf(!broker)('order events publisher', () => {
  let fixture: BrokerFixture
  let connection: AmqpConnection
  let subscriber: OrderEventsSubscriber

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    subscriber = await OrderEventsSubscriber.bind(fixture, exchange, `${prefix}.subscriber`)
    connection = amqpConnection({ url: AMQP_URL, name: prefix })
  })
  afterAll(async () => {
    await connection?.close()
    await fixture?.cleanup()
  })

  let current: OrderEventsPublisher | undefined
  describeEventPublisherContract({
    name: 'amqp',
    create: async () => {
      current = amqpOrderEventsPublisher({ connection, exchange })
      await current.start()
      return current
    },
    cleanup: () => current?.stop(),
    received: async () => subscriber.events(),
  })

  it('sends the envelope as a persistent JSON body, routed by type, with x-request-id and the message id', async () => {
    const publisher = amqpOrderEventsPublisher({ connection, exchange })
    await publisher.start()
    const event = anOutboxEvent(anOrder(), { type: 'order.cancelled', requestId: 'req-42' })

    await publisher.publish([event])

    expect(await eventually(() => subscriber.messages.some((m) => m.properties.messageId === event.id))).toBe(
      true,
    )
    const message = subscriber.messages.find((m) => m.properties.messageId === event.id)!
    const { requestId: _requestId, ...envelope } = event
    expect(JSON.parse(message.content.toString())).toEqual(envelope)
    expect(message.fields.routingKey).toBe('order.cancelled')
    expect(message.properties.headers?.[REQUEST_ID_HEADER]).toBe('req-42')
    expect(message.properties.deliveryMode).toBe(2)
    expect(message.properties.contentType).toBe('application/json')
    expect(subscriber.invalid).toEqual([])
    await publisher.stop()
  })

  it('fails at once with DEPENDENCY_UNAVAILABLE when not connected (nothing is buffered)', async () => {
    const publisher = amqpOrderEventsPublisher({ connection, exchange })
    const started = Date.now()
    const error = await publisher.publish([anOutboxEvent(anOrder())]).catch((e: unknown) => e)
    expect(isOrderServiceError(error, 'DEPENDENCY_UNAVAILABLE')).toBe(true)
    expect(Date.now() - started).toBeLessThan(250)
  })

  it('rejects a batch whose confirms never come (the link dropped), so the relay keeps it', async () => {
    const proxy = new TcpProxy(brokerAddress(AMQP_URL))
    const own = amqpConnection({ url: proxiedUrl(AMQP_URL, await proxy.listen()), name: `${prefix}-cut` })
    const publisher = amqpOrderEventsPublisher({ connection: own, exchange })
    await publisher.start()
    const publishing = publisher.publish(Array.from({ length: 200 }, () => anOutboxEvent(anOrder())))
    proxy.down()

    const error = await publishing.catch((e: unknown) => e)
    expect(isOrderServiceError(error, 'DEPENDENCY_UNAVAILABLE')).toBe(true)
    await own.close()
    await proxy.close()
  })
})
