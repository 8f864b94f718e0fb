import { aProductData } from '@orders/contract-tests'
import type { ProductData } from '@orders/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { type ConsumerHarness, startConsumer } from './support/consumer-harness.js'
import {
  aProductDeletedEvent,
  aProductEvent,
  type ProductEnvelope,
  publishEvents,
} from './support/product-events.js'
import { brokerAddress, proxiedUrl, TcpProxy } from './support/tcp-proxy.js'

const broker = await brokerAvailable()
const PRODUCTS = 100
const VERSIONS = 10
const CUTS = 3
const OUTAGE_MS = 300

/** 100 products x 10 versions; every 10th product ends deleted (a tombstone at version 10). */
function productHistories(): {
  events: ProductEnvelope[]
  finals: Map<string, { version: number; deleted: boolean }>
} {
  const events: ProductEnvelope[] = []
  const finals = new Map<string, { version: number; deleted: boolean }>()
  const products: ProductData[] = Array.from({ length: PRODUCTS }, () => aProductData())
  for (let version = 1; version <= VERSIONS; version++) {
    for (const [i, product] of products.entries()) {
      const deleted = version === VERSIONS && i % 10 === 0
      events.push(
        deleted
          ? aProductDeletedEvent(product.productId, version)
          : aProductEvent(
              { ...product, name: `v${version}`, version },
              version === 1 ? 'product.created' : 'product.updated',
            ),
      )
      finals.set(product.productId, { version, deleted })
    }
  }
  return { events, finals }
}

describe.skipIf(!broker)('connection loss: product events', () => {
  let fixture: BrokerFixture
  let proxy: TcpProxy
  let harness: ConsumerHarness
  let connects = 0

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    proxy = new TcpProxy(brokerAddress(AMQP_URL))
    const url = proxiedUrl(AMQP_URL, await proxy.listen())
    harness = await startConsumer({ fixture, prefix: uniqueNames('loss-products'), url, prefetch: 50 })
    harness.connection.on('connected', () => connects++)
  })
  afterAll(async () => {
    await harness?.close()
    await proxy?.close()
    await fixture?.cleanup()
  })

  it('1,000 events sent through 3 cuts leave every product at its last version and the DLQ empty', async () => {
    const { events, finals } = productHistories()
    const segment = events.length / (CUTS + 1)
    for (let i = 0; i < events.length; i += 50) {
      await publishEvents(fixture.channel, harness.exchange, events.slice(i, i + 50))
      const cutNow = (i + 50) % segment === 0 && i + 50 < events.length
      if (cutNow) {
        // Cut while the consumer is busy with what was just sent; events keep arriving in the queue.
        const connectsBefore = connects
        proxy.down()
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS))
        proxy.up()
        expect(await eventually(() => connects > connectsBefore, 10_000)).toBe(true)
      }
    }

    const settled = await eventually(async () => {
      const stored = await harness.adapters.products.getMany([...finals.keys()])
      return (
        stored.length === PRODUCTS &&
        stored.every(
          (s) =>
            s.version === finals.get(s.productId)?.version && s.deleted === finals.get(s.productId)?.deleted,
        )
      )
    }, 40_000)
    expect(settled).toBe(true)
    expect(await eventually(async () => (await fixture.depth(harness.consumer.topology.queue)) === 0)).toBe(
      true,
    )

    const appliedPerEvent = new Map<string, number>()
    for (const { key, applied } of harness.applies) {
      if (applied) appliedPerEvent.set(key, (appliedPerEvent.get(key) ?? 0) + 1)
    }
    const deliveries = harness.applies.length
    const distinct = new Set(harness.applies.map((a) => a.key)).size
    const duplicatesApplied = [...appliedPerEvent.values()].filter((n) => n > 1).length
    console.info(
      `[connection loss, products] sent ${events.length}, cuts ${CUTS}, reconnects ${connects}, ` +
        `deliveries ${deliveries}, distinct ${distinct}, redelivered ${deliveries - distinct}, ` +
        `applied ${harness.counts.applied}, ignored (older or repeated) ${harness.counts.ignored}, ` +
        `duplicates applied ${duplicatesApplied}, retried ${harness.counts.retried}, ` +
        `dead-lettered ${harness.counts.dead_lettered}`,
    )
    expect(connects).toBeGreaterThanOrEqual(CUTS)
    expect(distinct).toBe(events.length)
    expect(duplicatesApplied).toBe(0)
    expect(harness.counts.dead_lettered).toBe(0)
    expect(await fixture.depth(harness.consumer.topology.deadLetterQueue)).toBe(0)
    for (const retry of harness.consumer.topology.retryQueues) expect(await fixture.depth(retry.name)).toBe(0)
  })
})
