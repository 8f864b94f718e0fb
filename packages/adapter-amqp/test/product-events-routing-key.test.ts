import { aProductData } from '@orders/contract-tests'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_HEADERS } from '../src/index.js'
import { BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { type ConsumerHarness, startConsumer } from './support/consumer-harness.js'
import { aProductDeletedEvent, aProductEvent, publishEvents, publishRaw } from './support/product-events.js'

const broker = await brokerAvailable()

describe.skipIf(!broker)('product events consumer: type must equal the routing key', () => {
  let fixture: BrokerFixture
  let harness: ConsumerHarness

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    harness = await startConsumer({ fixture, prefix: uniqueNames('routing-key'), retryDelaysMs: [100, 300] })
  })
  afterAll(async () => {
    await harness?.close()
    await fixture?.cleanup()
  })

  const queue = () => harness.consumer.topology.queue
  const dlq = () => harness.consumer.topology.deadLetterQueue
  const versionOf = async (productId: string) => (await harness.stored(productId))?.version
  const handled = () => harness.counts.applied + harness.counts.ignored + harness.counts.dead_lettered
  /** Waits for the next dead letter and takes it off the DLQ. */
  const nextDeadLetter = () => fixture.take(dlq())
  /** A tombstone for `productId` routed as an update: the body says one thing, the routing key another. */
  const aMismatchedEvent = (productId: string, version: number) => ({
    routingKey: 'product.updated',
    body: JSON.stringify(aProductDeletedEvent(productId, version)),
  })

  it('dead-letters an event whose type is not its routing key, with the reason, and leaves the product as it was', async () => {
    const product = aProductData({ version: 1 })
    await publishEvents(fixture.channel, harness.exchange, [aProductEvent(product)])
    expect(await eventually(async () => (await versionOf(product.productId)) === 1)).toBe(true)
    const retried = harness.counts.retried
    const mismatched = aMismatchedEvent(product.productId, 2)

    await publishRaw(fixture.channel, harness.exchange, [mismatched])

    const dead = await nextDeadLetter()
    expect(dead.content.toString()).toBe(mismatched.body)
    const headers = dead.properties.headers ?? {}
    expect(headers[FAILURE_HEADERS.deathReason]).toBe(
      'invalid message: type product.deleted is not the routing key product.updated',
    )
    expect(headers[FAILURE_HEADERS.attempts]).toBe(1)
    expect(headers[FAILURE_HEADERS.originalRoutingKey]).toBe('product.updated')
    expect(harness.counts.retried).toBe(retried)
    expect(await harness.stored(product.productId)).toEqual({ ...product, deleted: false })
  })

  it('applies an event whose type is its routing key, also next to a mismatched one for the same product', async () => {
    const product = aProductData({ version: 3 })
    const before = handled()

    await publishRaw(fixture.channel, harness.exchange, [
      aMismatchedEvent(product.productId, 5),
      { routingKey: 'product.updated', body: JSON.stringify(aProductEvent(product)) },
    ])

    expect(await eventually(() => handled() - before === 2)).toBe(true)
    await nextDeadLetter()
    // Applied, the mismatched tombstone (a newer version) would have deleted the product for good.
    expect(await harness.stored(product.productId)).toEqual({ ...product, deleted: false })
  })

  it('applies an event that failed once and came back from its retry queue, whose routing key is then the queue name', async () => {
    const product = aProductData({ version: 2 })
    harness.adapters.products.failures.failNext('upsert')
    const before = { ...harness.counts }

    await publishEvents(fixture.channel, harness.exchange, [aProductEvent(product)])

    expect(await eventually(async () => (await versionOf(product.productId)) === 2)).toBe(true)
    expect(harness.counts.retried - before.retried).toBe(1)
    expect(harness.counts.dead_lettered).toBe(before.dead_lettered)
    expect(await fixture.depth(dlq())).toBe(0)
  })

  it('still dead-letters a mismatched event replayed from the DLQ into the queue by name (headers kept)', async () => {
    const product = aProductData({ version: 1 })
    await publishRaw(fixture.channel, harness.exchange, [aMismatchedEvent(product.productId, 1)])
    const dead = await nextDeadLetter()

    // What a shovel from the DLQ back to the main queue does: same body and headers, default exchange.
    fixture.channel.sendToQueue(queue(), dead.content, { headers: dead.properties.headers, persistent: true })
    await fixture.channel.waitForConfirms()

    const again = await nextDeadLetter()
    expect(again.properties.headers?.[FAILURE_HEADERS.deathReason]).toBe(
      'invalid message: type product.deleted is not the routing key product.updated',
    )
    expect(again.properties.headers?.[FAILURE_HEADERS.attempts]).toBe(2)
    expect(await harness.stored(product.productId)).toBeNull()
  })

  it('reads an event put into the queue by name with no recorded route on its type alone', async () => {
    const product = aProductData({ version: 4 })

    // An operator's `amqp-publish -r <queue>`: the routing key is the queue's name, nothing to compare.
    fixture.channel.sendToQueue(queue(), Buffer.from(JSON.stringify(aProductEvent(product))), {
      persistent: true,
    })
    await fixture.channel.waitForConfirms()

    expect(await eventually(async () => (await versionOf(product.productId)) === 4)).toBe(true)
    expect(await fixture.depth(dlq())).toBe(0)
  })
})
