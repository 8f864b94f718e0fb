import { aProductData } from '@orders/contract-tests'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { type ConsumerHarness, startConsumer } from './support/consumer-harness.js'
import { aProductEvent, publishEvents, publishRaw } from './support/product-events.js'

const broker = await brokerAvailable()

describe.skipIf(!broker)('product events consumer: retry and DLQ copies that come back unroutable', () => {
  let fixture: BrokerFixture
  let harness: ConsumerHarness | undefined
  let connects = 0

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
  })
  afterEach(async () => {
    await harness?.close()
  })
  afterAll(async () => {
    await fixture?.cleanup()
  })

  /** A consumer whose `connects` counts reconnections after its start. */
  async function consumer(): Promise<ConsumerHarness> {
    harness = await startConsumer({ fixture, prefix: uniqueNames('unroutable') })
    connects = 0
    harness.connection.on('connected', () => connects++)
    return harness
  }

  it('counts and logs a retry only once its copy is routed (a returned copy was counted as retried)', async () => {
    const h = await consumer()
    const [firstRetry] = h.consumer.topology.retryQueues
    if (!firstRetry) throw new Error('no retry queue')
    await fixture.channel.deleteQueue(firstRetry.name)
    h.adapters.products.failures.failNext('upsert')
    const product = aProductData({ version: 1 })
    await publishEvents(fixture.channel, h.exchange, [aProductEvent(product)])

    // The copy is returned: the connection is reset, the topology asserted again, the original redelivered
    // and (the store recovered) applied.
    expect(await eventually(async () => (await h.stored(product.productId))?.version === 1)).toBe(true)
    expect(connects).toBeGreaterThanOrEqual(1)
    expect(h.counts.retried).toBe(0)
    expect(h.warnings.filter((w) => w.includes('retried in'))).toEqual([])
    expect(await fixture.depth(firstRetry.name)).toBe(0)
  })

  it('counts and logs a dead letter only once its copy is routed (a returned copy was counted too)', async () => {
    const h = await consumer()
    const dlq = h.consumer.topology.deadLetterQueue
    await fixture.channel.deleteQueue(dlq)
    await publishRaw(fixture.channel, h.exchange, [{ routingKey: 'product.updated', body: 'not json' }])

    // Reconnected means the DLQ exists again (setup asserts it before `connected`); then the redelivered
    // original is dead-lettered for real.
    expect(await eventually(() => connects >= 1)).toBe(true)
    expect(await eventually(async () => (await fixture.depth(dlq)) === 1)).toBe(true)
    expect(await eventually(() => h.counts.dead_lettered >= 1)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 200)) // room for a count that should not come
    expect(h.counts.dead_lettered).toBe(1)
    expect(h.warnings.filter((w) => w.includes('dead-lettered'))).toHaveLength(1)
  })
})
