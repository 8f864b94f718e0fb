import { anOrder, anOutboxEvent, aProductData } from '@orders/contract-tests'
import { createOrderService, type ProductState } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AmqpSetupError,
  amqpConnection,
  amqpOrderEventsPublisher,
  amqpProductEventsConsumer,
  productEventsQueueDeclarations,
} from '../src/index.js'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { aProductEvent, publishEvents } from './support/product-events.js'

const broker = await brokerAvailable()

describe('waitUntilConnected', () => {
  it('rejects when the connection is closed before it connects', async () => {
    const connection = amqpConnection({ url: 'amqp://guest:guest@127.0.0.1:1', connectTimeoutMs: 200 })
    const waiting = connection.waitUntilConnected(20_000).catch((error: Error) => error.message)
    const started = Date.now()
    await connection.close()
    expect(await waiting).toMatch('connection closed')
    expect(Date.now() - started).toBeLessThan(5_000)
    await expect(connection.waitUntilConnected(20_000)).rejects.toThrow('connection closed')
  })
})

describe.skipIf(!broker)('participant isolation and stop', () => {
  let fixture: BrokerFixture
  beforeAll(async () => {
    fixture = await BrokerFixture.open()
  })
  afterAll(async () => {
    await fixture?.cleanup()
  })

  /** A consumer on its own names; every queue and the exchange are deleted after the file. */
  function consumerOn(
    prefix: string,
    connection: ReturnType<typeof amqpConnection>,
    apply?: () => Promise<void>,
  ) {
    const service = createOrderService(inMemoryAdapters())
    const products = {
      apply: async (state: ProductState) => {
        await apply?.()
        return service.products.apply(state)
      },
    }
    const topology = { exchange: `${prefix}.product.events`, queue: `${prefix}.product-events` }
    const consumer = amqpProductEventsConsumer({ connection, products, topology })
    fixture.trackExchanges(topology.exchange)
    fixture.trackQueues(...productEventsQueueDeclarations(consumer.topology).map((q) => q.name))
    return consumer
  }

  it('retries a participant whose setup keeps failing alone; the connection and the others stay up', async () => {
    const prefix = uniqueNames('isolation')
    // The product queue already exists with other arguments: asserting it fails with PRECONDITION_FAILED.
    await fixture.channel.assertQueue(`${prefix}.product-events`, { durable: true })
    const connection = amqpConnection({ url: AMQP_URL, reconnect: { initialDelayMs: 20, maxDelayMs: 100 } })
    const errors: Error[] = []
    let disconnects = 0
    connection.on('error', (error) => errors.push(error))
    connection.on('disconnected', () => disconnects++)
    const publisher = amqpOrderEventsPublisher({ connection, exchange: `${prefix}.order.events` })
    fixture.trackExchanges(publisher.exchange)
    await publisher.start()
    const consumer = consumerOn(prefix, connection)
    let consumerReady = false
    void consumer.start().then(() => {
      consumerReady = true
    })

    expect(await eventually(() => errors.length >= 3, 5_000)).toBe(true)
    expect(connection.isConnected).toBe(true)
    expect(disconnects).toBe(0)
    expect(consumerReady).toBe(false)
    const [failure] = connection.setupFailures
    expect(failure).toBeInstanceOf(AmqpSetupError)
    expect(failure?.participant).toBe('product events consumer')
    expect(failure?.message).toMatch(/PRECONDITION_FAILED/)
    await publisher.publish([anOutboxEvent(anOrder())]) // the publisher works meanwhile

    await fixture.channel.deleteQueue(`${prefix}.product-events`)
    expect(await eventually(() => consumerReady, 5_000)).toBe(true)
    expect(connection.setupFailures).toEqual([])
    expect(disconnects).toBe(0)
    await connection.close()
  })

  it('a stop() while the consumer is being set up leaves no consumer on the queue', async () => {
    const prefix = uniqueNames('stop-in-setup')
    const connection = amqpConnection({ url: AMQP_URL })
    await connection.waitUntilConnected(5_000)
    const consumer = consumerOn(prefix, connection)
    const starting = consumer.start().catch(() => 'rejected')
    await consumer.stop() // the setup is still asserting the topology
    expect(await starting).toBe('rejected')
    await new Promise((resolve) => setTimeout(resolve, 300)) // the setup has run to its end by now
    expect((await fixture.channel.checkQueue(consumer.topology.queue)).consumerCount).toBe(0)
    await connection.close()
  })

  it('stop({ drainTimeoutMs }) bounds the wait for a message still being applied', async () => {
    const prefix = uniqueNames('drain')
    const connection = amqpConnection({ url: AMQP_URL })
    let applying = false
    const consumer = consumerOn(prefix, connection, async () => {
      applying = true
      await new Promise((resolve) => setTimeout(resolve, 20_000).unref())
    })
    await consumer.start()
    await publishEvents(fixture.channel, consumer.topology.exchange, [aProductEvent(aProductData())])
    expect(await eventually(() => applying, 5_000)).toBe(true)
    const started = Date.now()
    await consumer.stop({ drainTimeoutMs: 200 })
    expect(Date.now() - started).toBeLessThan(2_000)
    await connection.close()
  })
})
