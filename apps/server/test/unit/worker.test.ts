import { setTimeout as sleep } from 'node:timers/promises'
import { amqpConnection, amqpOrderEventsPublisher } from '@orders/adapter-amqp'
import { createOrderService, productFromData } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.js'
import { DEMO_CATALOG } from '../../src/demo/demo-catalog.js'
import { startWorker, type Worker } from '../../src/worker/worker.js'
import { capturingLogger } from '../support/silent-logger.js'

const ALL = { mongo: true, redis: true, amqp: true }
const BATCH = 10
const ORDERS = 60

/**
 * The worker over the real core with the real AMQP publisher on a broker that is not there: every
 * publish fails with DEPENDENCY_UNAVAILABLE, as while RabbitMQ is down.
 */
async function brokerDownWorker(ordersBefore: number) {
  const connection = amqpConnection({ url: 'amqp://127.0.0.1:1', connectTimeoutMs: 100 })
  const claims = { failed: 0 }
  const service = createOrderService({
    ...inMemoryAdapters(),
    publisher: amqpOrderEventsPublisher({ connection }),
    telemetry: {
      count: (name, by = 1) => {
        if (name === 'outbox_publish_failed') claims.failed += by
      },
      warn: () => {},
    },
  })
  const product = DEMO_CATALOG[0]!
  await service.products.apply(productFromData(product))
  let placed = 0
  const placeOrders = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const actor = { userId: `u-${placed++}`, role: 'customer' as const }
      await service.carts.addItem({ actor, userId: actor.userId, productId: product.productId, quantity: 1 })
      await service.checkout.execute({ actor, userId: actor.userId })
    }
  }
  await placeOrders(ordersBefore)
  const config = loadConfig(
    { OUTBOX_RELAY_BATCH: String(BATCH), OUTBOX_RELAY_INTERVAL_MS: '60000', AUTH_DEV_HEADERS: 'true' },
    ALL,
  )
  const worker = await startWorker({ service, consumers: [], config, logger: capturingLogger().logger })
  return { worker, claims, placeOrders, close: () => connection.close() }
}

let running: { worker: Worker; close: () => Promise<void> } | undefined
afterEach(async () => {
  await running?.worker.stop(Date.now())
  await running?.close()
  running = undefined
})

describe('the outbox relay while the broker is down', () => {
  it('does not go again at once after a pass that published nothing (no leasing of the whole backlog)', async () => {
    const { worker, claims, close } = await brokerDownWorker(ORDERS)
    running = { worker, close }
    await sleep(200)
    expect(claims.failed).toBe(BATCH) // one pass; the next waits for the interval
  })

  it('the shutdown flush stops after a pass that published nothing instead of spinning to the deadline', async () => {
    const { worker, claims, placeOrders, close } = await brokerDownWorker(0)
    running = { worker, close }
    await placeOrders(ORDERS) // after the first (empty) pass: the whole backlog is unleased at shutdown
    const before = claims.failed
    const started = Date.now()
    await worker.stop(Date.now() + 3_000)
    expect(claims.failed - before).toBe(BATCH)
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})

describe('the worker shutdown budget', () => {
  it('gives the consumers half of what is left before the deadline to drain, the rest to the flush', async () => {
    const given: number[] = []
    const config = loadConfig({ AUTH_DEV_HEADERS: 'true' }, ALL)
    const service = createOrderService(inMemoryAdapters())
    // Records the drain budget the worker hands to a consumer (the AMQP consumer's own drain is tested there).
    const consumer = {
      name: 'recorder',
      start: async () => {},
      stop: async (ms: number) => void given.push(ms),
    }
    const subject = await startWorker({
      service,
      consumers: [consumer],
      config,
      logger: capturingLogger().logger,
    })
    await subject.stop(Date.now() + 4_000)
    expect(given).toHaveLength(1)
    expect(given[0]).toBeGreaterThan(1_500)
    expect(given[0]).toBeLessThanOrEqual(2_000)
  })
})
