import { aProductData } from '@orders/contract-tests'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  amqpConnection,
  amqpProductEventsConsumer,
  assertProductEventsTopology,
  FAILURE_HEADERS,
  productEventsQueueDeclarations,
  productEventsTopology,
} from '../src/index.js'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { type ConsumerHarness, startConsumer } from './support/consumer-harness.js'
import { aProductEvent, publishEvents } from './support/product-events.js'

const broker = await brokerAvailable()

describe('topology names', () => {
  it('defaults to the DESIGN names and names retry queues after their delay', () => {
    expect(productEventsTopology()).toEqual({
      exchange: 'product.events',
      queue: 'order-service.product-events',
      bindingKeys: ['product.*'],
      deadLetterQueue: 'order-service.product-events.dlq',
      retryQueues: [
        { name: 'order-service.product-events.retry.1000ms', delayMs: 1000 },
        { name: 'order-service.product-events.retry.10000ms', delayMs: 10000 },
        { name: 'order-service.product-events.retry.60000ms', delayMs: 60000 },
      ],
      deliveryLimit: 20,
    })
  })

  it('refuses a retry delay that is not a positive integer', () => {
    expect(() => productEventsTopology({ retryDelaysMs: [100, 0] })).toThrow(/positive integers/)
  })
})

describe.skipIf(!broker)('topology on the broker', () => {
  let fixture: BrokerFixture
  let harness: ConsumerHarness
  /** Another service's queue on the same exchange. */
  let otherService: string

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    harness = await startConsumer({ fixture, prefix: uniqueNames('topology'), retryDelaysMs: [100] })
    otherService = `${harness.exchange}.other-service`
    fixture.trackQueues(otherService)
    await fixture.channel.assertQueue(otherService, { durable: false })
    await fixture.channel.bindQueue(otherService, harness.exchange, 'product.*')
  })
  afterAll(async () => {
    await harness?.close()
    await fixture?.cleanup()
  })

  it('is asserted idempotently: declaring it again with the same arguments succeeds', async () => {
    const channel = await fixture.model.createChannel()
    await assertProductEventsTopology(channel, harness.consumer.topology)
    await assertProductEventsTopology(channel, harness.consumer.topology)
    await channel.close()
  })

  it('refuses (without crashing) a topology that clashes with the declared quorum queues', async () => {
    const channel = await fixture.model.createChannel()
    channel.on('error', () => {})
    const clash = channel.assertQueue(harness.consumer.topology.queue, { durable: true })
    await expect(clash).rejects.toThrow(/PRECONDITION_FAILED/)
  })

  it('reports a clash at setup as an error and keeps retrying instead of crashing', async () => {
    const clashing = `${harness.exchange}.clash`
    fixture.trackQueues(clashing)
    await fixture.channel.assertQueue(clashing, { durable: true })
    const connection = amqpConnection({ url: AMQP_URL, reconnect: { initialDelayMs: 20, maxDelayMs: 50 } })
    const errors: string[] = []
    connection.on('error', (error) => errors.push(error.message))
    const consumer = amqpProductEventsConsumer({
      connection,
      products: { apply: () => Promise.reject(new Error('never called')) },
      topology: { exchange: harness.exchange, queue: clashing, retryDelaysMs: [100] },
    })
    fixture.trackQueues(...productEventsQueueDeclarations(consumer.topology).map((q) => q.name))
    const started = consumer.start().then(
      () => 'started',
      () => 'closed before it could start',
    )

    expect(await eventually(() => errors.filter((e) => e.includes('PRECONDITION_FAILED')).length >= 2)).toBe(
      true,
    )
    // The failing consumer is retried alone: the connection stays up for the other parts.
    expect(connection.isConnected).toBe(true)
    expect(connection.setupFailures.map((f) => f.participant)).toEqual(['product events consumer'])
    await connection.close()
    expect(await started).toBe('closed before it could start')
  })

  it('sends retries back through the default exchange: other services never see them again', async () => {
    const product = aProductData({ version: 2 })
    harness.adapters.products.failures.failNext('upsert')
    await publishEvents(fixture.channel, harness.exchange, [aProductEvent(product)])

    expect(await eventually(async () => (await harness.stored(product.productId))?.version === 2)).toBe(true)
    expect(harness.counts.retried).toBeGreaterThanOrEqual(1)
    const seen = []
    for (let message = await fixture.channel.get(otherService, { noAck: true }); message; ) {
      seen.push(message)
      message = await fixture.channel.get(otherService, { noAck: true })
    }
    expect(seen).toHaveLength(1)
    expect(seen[0]?.properties.headers?.[FAILURE_HEADERS.attempts]).toBeUndefined()
  })

  it('re-asserts the topology after the queue vanished, and consumes again', async () => {
    const reconnected = new Promise<void>((resolve) => harness.connection.on('connected', () => resolve()))
    const channel = await fixture.model.createChannel()
    await channel.deleteQueue(harness.consumer.topology.queue)
    await channel.close()
    await reconnected

    const product = aProductData({ version: 5 })
    await publishEvents(fixture.channel, harness.exchange, [aProductEvent(product)])
    expect(await eventually(async () => (await harness.stored(product.productId))?.version === 5)).toBe(true)
  })
})
