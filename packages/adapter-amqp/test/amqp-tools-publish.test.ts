import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { aProductData } from '@orders/contract-tests'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { type ConsumerHarness, startConsumer } from './support/consumer-harness.js'
import { aProductEvent } from './support/product-events.js'

const run = promisify(execFile)

/** `amqp-publish` from Debian's amqp-tools (installed by .ci/steps/30-amqp-tools.sh). */
async function amqpToolsAvailable(): Promise<boolean> {
  try {
    await run('amqp-publish', ['--help'])
    return true
  } catch {
    if (process.env.CI === 'true')
      throw new Error('[adapter-amqp tests] amqp-publish (amqp-tools) is required in CI')
    console.warn('[adapter-amqp tests] skipping the amqp-tools test: amqp-publish is not installed')
    return false
  }
}

const ready = (await brokerAvailable()) && (await amqpToolsAvailable())

describe.skipIf(!ready)('a product event published by a non-amqplib client (amqp-tools)', () => {
  let fixture: BrokerFixture
  let harness: ConsumerHarness

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    harness = await startConsumer({ fixture, prefix: uniqueNames('amqp-tools') })
  })
  afterAll(async () => {
    await harness?.close()
    await fixture?.cleanup()
  })

  it('is applied from the envelope alone: no message properties, the whole contract in the body', async () => {
    const product = aProductData({ version: 7, stock: 5 })
    const body = JSON.stringify(aProductEvent(product))
    await run('amqp-publish', [
      '--url',
      AMQP_URL,
      '-e',
      harness.exchange,
      '-r',
      'product.updated',
      '-b',
      body,
    ])

    expect(await eventually(async () => (await harness.stored(product.productId))?.version === 7)).toBe(true)
    expect(await harness.stored(product.productId)).toEqual({ ...product, deleted: false })
    expect(harness.counts.dead_lettered).toBe(0)
  })
})
