import { aProductData } from '@orders/contract-tests'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_HEADERS } from '../src/index.js'
import { BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { type ConsumerHarness, startConsumer } from './support/consumer-harness.js'
import { aProductEvent, publishEvents, publishRaw } from './support/product-events.js'

const broker = await brokerAvailable()

describe.skipIf(!broker)('product events consumer: failures, retries and the DLQ', () => {
  let fixture: BrokerFixture
  let harness: ConsumerHarness

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    harness = await startConsumer({ fixture, prefix: uniqueNames('failures'), retryDelaysMs: [100, 300] })
  })
  afterAll(async () => {
    await harness?.close()
    await fixture?.cleanup()
  })

  const dlq = () => harness.consumer.topology.deadLetterQueue
  const versionOf = async (productId: string) => (await harness.stored(productId))?.version
  /** Waits for the next dead letter and takes it off the DLQ. */
  const nextDeadLetter = () => fixture.take(dlq())

  it('retries a failing event after a delay and applies it once the store recovers', async () => {
    const product = aProductData({ version: 3 })
    harness.adapters.products.failures.failNext('upsert')
    const retried = harness.counts.retried
    const started = Date.now()
    await publishEvents(fixture.channel, harness.exchange, [aProductEvent(product)])

    expect(await eventually(async () => (await versionOf(product.productId)) === 3)).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    expect(harness.counts.retried - retried).toBe(1)
    expect(await fixture.depth(dlq())).toBe(0)
  })

  it('dead-letters an event that fails every attempt, with the reason and attempt count', async () => {
    const product = aProductData({ version: 1 })
    for (let i = 0; i < 3; i++)
      harness.adapters.products.failures.failNext('upsert', new Error('replica down'))
    const retried = harness.counts.retried
    const event = aProductEvent(product)
    await publishEvents(fixture.channel, harness.exchange, [event])

    const dead = await nextDeadLetter()
    expect(JSON.parse(dead.content.toString())).toEqual(event)
    const headers = dead.properties.headers ?? {}
    expect(headers[FAILURE_HEADERS.attempts]).toBe(3)
    expect(headers[FAILURE_HEADERS.deathReason]).toBe(
      'failed 3 times, last: [orders] [product-replica] replica down',
    )
    expect(headers[FAILURE_HEADERS.originalExchange]).toBe(harness.exchange)
    expect(headers[FAILURE_HEADERS.originalRoutingKey]).toBe('product.updated')
    expect(harness.counts.retried - retried).toBe(2)
    expect(await harness.stored(product.productId)).toBeNull()
  })

  it.each([
    ['a body that is not JSON', () => '{"id": "broken'],
    ['a missing required field', () => JSON.stringify({ ...aProductEvent(aProductData()), time: undefined })],
    [
      'a price in floats',
      () => JSON.stringify(aProductEvent(aProductData({ price: { amount: 9.99, currency: 'EUR' } }))),
    ],
    ['an unknown dataVersion', () => JSON.stringify({ ...aProductEvent(aProductData()), dataVersion: '2' })],
    [
      'a subject that is not the product id',
      () => JSON.stringify({ ...aProductEvent(aProductData()), subject: 'other' }),
    ],
  ])('sends %s straight to the DLQ, without retries', async (_case, body) => {
    const retried = harness.counts.retried
    await publishRaw(fixture.channel, harness.exchange, [{ routingKey: 'product.updated', body: body() }])

    const dead = await nextDeadLetter()
    expect(String(dead.properties.headers?.[FAILURE_HEADERS.deathReason])).toMatch(/^invalid message: /)
    expect(dead.properties.headers?.[FAILURE_HEADERS.attempts]).toBe(1)
    expect(harness.counts.retried).toBe(retried)
  })

  it('never lets a poison message block the events behind it', async () => {
    const products = [aProductData(), aProductData(), aProductData()]
    await publishRaw(fixture.channel, harness.exchange, [
      { routingKey: 'product.updated', body: 'not json at all' },
      ...products.map((p) => ({
        routingKey: 'product.created',
        body: JSON.stringify(aProductEvent(p, 'product.created')),
      })),
    ])

    expect(
      await eventually(async () => {
        const versions = await Promise.all(products.map((p) => versionOf(p.productId)))
        return versions.every((v) => v === 1)
      }),
    ).toBe(true)
    await nextDeadLetter()
    expect(await fixture.depth(harness.consumer.topology.queue)).toBe(0)
  })
})
