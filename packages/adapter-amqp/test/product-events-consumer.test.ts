import { aProductData } from '@orders/contract-tests'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { type ConsumerHarness, startConsumer } from './support/consumer-harness.js'
import { aProductDeletedEvent, aProductEvent, publishEvents } from './support/product-events.js'

const broker = await brokerAvailable()

describe.skipIf(!broker)('product events consumer: applying events', () => {
  let fixture: BrokerFixture
  let harness: ConsumerHarness

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    harness = await startConsumer({ fixture, prefix: uniqueNames('consumer') })
  })
  afterAll(async () => {
    await harness?.close()
    await fixture?.cleanup()
  })

  const publish = (...events: ReturnType<typeof aProductEvent>[]) =>
    publishEvents(fixture.channel, harness.exchange, events)
  const versionOf = async (productId: string) => (await harness.stored(productId))?.version

  it('applies product.created, product.updated and product.deleted (leaving a tombstone)', async () => {
    const product = aProductData({ version: 1 })
    await publish(aProductEvent(product, 'product.created'))
    expect(await eventually(async () => (await versionOf(product.productId)) === 1)).toBe(true)
    expect(await harness.stored(product.productId)).toEqual({ ...product, deleted: false })

    const renamed = { ...product, name: 'Renamed', price: { amount: 2500, currency: 'EUR' }, version: 2 }
    await publish(aProductEvent(renamed, 'product.updated'))
    expect(await eventually(async () => (await versionOf(product.productId)) === 2)).toBe(true)
    expect(await harness.stored(product.productId)).toEqual({ ...renamed, deleted: false })

    await publish(aProductDeletedEvent(product.productId, 3))
    expect(await eventually(async () => (await versionOf(product.productId)) === 3)).toBe(true)
    expect(await harness.stored(product.productId)).toEqual({
      productId: product.productId,
      version: 3,
      deleted: true,
    })
  })

  it('keeps the newest version when versions arrive out of order', async () => {
    const product = aProductData()
    const versions = [5, 2, 7, 3, 6, 1, 4]
    await publish(...versions.map((version) => aProductEvent({ ...product, name: `v${version}`, version })))

    expect(await eventually(async () => (await versionOf(product.productId)) === 7)).toBe(true)
    const consumedBefore = harness.counts.consumed
    const stale = aProductEvent({ ...product, name: 'stale', version: 6 })
    await publish(stale)
    expect(await eventually(() => harness.counts.consumed > consumedBefore)).toBe(true)
    expect(await harness.stored(product.productId)).toMatchObject({ name: 'v7', version: 7 })
  })

  it('applies a redelivered duplicate (same message id) once and acks it', async () => {
    const product = aProductData({ version: 4 })
    const event = aProductEvent(product)
    const before = { ...harness.counts }
    await publish(event, event, event)

    expect(await eventually(() => harness.counts.consumed - before.consumed === 3)).toBe(true)
    expect(harness.counts.applied - before.applied).toBe(1)
    expect(harness.counts.ignored - before.ignored).toBe(2)
    expect(await versionOf(product.productId)).toBe(4)
    expect(await eventually(async () => (await fixture.depth(harness.consumer.topology.queue)) === 0)).toBe(
      true,
    )
  })

  it('ignores unknown fields in the envelope and the data (tolerant reader)', async () => {
    const product = aProductData({ version: 2, stock: 3 })
    const event = { ...aProductEvent({ ...product, colour: 'red' } as typeof product), traceparent: '00-abc' }
    await publish(event)

    expect(await eventually(async () => (await versionOf(product.productId)) === 2)).toBe(true)
    expect(await harness.stored(product.productId)).toEqual({ ...product, deleted: false })
  })

  it('receives only what the product.* binding routes', async () => {
    const product = aProductData({ version: 9 })
    const consumed = harness.counts.consumed
    await fixture.channel.publish(
      harness.exchange,
      'inventory.updated',
      Buffer.from(JSON.stringify(aProductEvent(product))),
    )
    await fixture.channel.waitForConfirms()
    await publish(aProductEvent({ ...product, version: 1 }))

    expect(await eventually(async () => (await versionOf(product.productId)) === 1)).toBe(true)
    expect(await eventually(async () => (await fixture.depth(harness.consumer.topology.queue)) === 0)).toBe(
      true,
    )
    expect(harness.counts.consumed - consumed).toBe(1)
    expect(await versionOf(product.productId)).toBe(1)
  })
})
