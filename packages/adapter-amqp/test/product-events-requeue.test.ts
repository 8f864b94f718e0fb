import { aProductData } from '@orders/contract-tests'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { type ConsumerHarness, startConsumer } from './support/consumer-harness.js'
import { aProductEvent, publishEvents } from './support/product-events.js'

const broker = await brokerAvailable()

/** The consumer's delay before it hands back a message it could not settle. */
const REQUEUE_DELAY_MS = 1_000

/**
 * Takes the consumer's next requeue timer instead of arming it; resolves with its callback, so the test fires
 * it at the moment it chooses. Every other timer runs as usual.
 */
function captureRequeueTimer(): Promise<() => void> {
  const realSetTimeout = globalThis.setTimeout
  return new Promise((resolve) => {
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      callback: () => void,
      ms?: number,
    ) => {
      if (ms !== REQUEUE_DELAY_MS) return realSetTimeout(callback, ms)
      spy.mockRestore()
      resolve(callback)
      return { unref: () => {} }
    }) as unknown as typeof setTimeout)
  })
}

describe.skipIf(!broker)('product events consumer: requeue while the connection closes', () => {
  let fixture: BrokerFixture
  let harness: ConsumerHarness | undefined

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await harness?.close()
  })
  afterAll(async () => {
    await fixture?.cleanup()
  })

  it('logs a requeue refused because the connection is closing instead of throwing from its timer (crashed the process)', async () => {
    let applied!: () => void
    const inFlight = new Promise<void>((resolve) => {
      applied = resolve
    })
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    harness = await startConsumer({
      fixture,
      prefix: uniqueNames('requeue'),
      afterApply: () => {
        applied()
        return held
      },
    })
    const product = aProductData({ version: 1 })
    await publishEvents(fixture.channel, harness.exchange, [aProductEvent(product)])
    await inFlight

    const requeue = captureRequeueTimer()
    harness.connection.reset(new Error('test: drop the connection'))
    // The reset closes the connection on its own setImmediate, queued before this one: from here every send
    // throws 'Connection closing', while the channel's close (which clears the consumer's channel) is to come.
    await new Promise((resolve) => setImmediate(resolve))
    release()
    // Only microtasks ran since: the ack was refused, the requeue is scheduled, the channel not yet closed.
    const fire = await requeue

    expect(fire).not.toThrow()
    expect(harness.warnings).toContain(
      '[orders] [amqp] channel closing, product event not requeued; the broker redelivers it',
    )
    // The broker hands the message back once the channel is gone; after the reconnect it is applied (again).
    expect(await eventually(async () => harness?.applies.length === 2)).toBe(true)
    expect((await harness.stored(product.productId))?.version).toBe(1)
  })
})
