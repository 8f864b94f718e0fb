import { anOrder, anOutboxEvent, aProductData } from '@orders/contract-tests'
import { isOrderServiceError } from '@orders/core'
import type { Channel, ChannelModel } from 'amqplib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AmqpParticipant,
  amqpConnection,
  amqpOrderEventsPublisher,
  amqpProductSource,
} from '../src/index.js'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { ProductResponder } from './support/product-responder.js'

const broker = await brokerAvailable()
const unavailable = (error: unknown) => isOrderServiceError(error, 'DEPENDENCY_UNAVAILABLE')

/** A participant that opens a real channel per setup; with `gate`, each setup waits for it once opened. */
function aParticipant(name: string, gate?: Promise<void>) {
  const channels: Channel[] = []
  const participant = {
    name,
    started: 0,
    setups: 0,
    async setup(model: ChannelModel) {
      participant.started += 1
      channels.push(await model.createChannel())
      await gate
      participant.setups += 1
    },
    async shutdown() {
      for (const channel of channels.splice(0)) await channel.close().catch(() => {})
    },
  } satisfies AmqpParticipant & Record<string, unknown>
  return participant
}

describe.skipIf(!broker)('connection: detach and stop while participants are being set up', () => {
  let fixture: BrokerFixture
  beforeAll(async () => {
    fixture = await BrokerFixture.open()
  })
  afterAll(async () => {
    await fixture?.cleanup()
  })

  it('sets up every participant on a connection when one is detached mid-setup (the next one was skipped)', async () => {
    const connection = amqpConnection({ url: AMQP_URL, name: uniqueNames('detach-in-loop') })
    let release!: () => void
    const slow = aParticipant('slow', new Promise<void>((resolve) => (release = resolve)))
    const next = aParticipant('next')
    void connection.attach(slow).catch(() => {})
    let nextReady = false
    void connection.attach(next).then(() => {
      nextReady = true
    })
    // The connection's first setup pass is inside `slow`'s setup: detach it there, then let it finish.
    expect(await eventually(() => slow.started === 1, 5_000)).toBe(true)
    const detaching = connection.detach(slow)
    release()
    await detaching

    expect(await eventually(() => nextReady, 2_000)).toBe(true)
    expect(next.setups).toBe(1)
    expect(connection.isConnected).toBe(true)
    await connection.close()
  })

  it('a publisher stopped while it is being set up stays stopped (its confirm channel stayed open and published)', async () => {
    const prefix = uniqueNames('stop-publisher-in-setup')
    const connection = amqpConnection({ url: AMQP_URL, name: prefix })
    await connection.waitUntilConnected(5_000)
    const publisher = amqpOrderEventsPublisher({ connection, exchange: `${prefix}.order.events` })
    fixture.trackExchanges(publisher.exchange)
    const starting = publisher.start().catch(() => 'rejected')
    await publisher.stop() // the setup is still opening its channel
    expect(await starting).toBe('rejected')
    await new Promise((resolve) => setTimeout(resolve, 300)) // any setup has run to its end by now

    const error = await publisher.publish([anOutboxEvent(anOrder())]).catch((e: unknown) => e)
    expect(unavailable(error)).toBe(true)
    await connection.close()
  })

  it('an RPC source stopped while it is being set up stays stopped (its channel stayed open and answered)', async () => {
    const prefix = uniqueNames('stop-rpc-in-setup')
    const queue = `${prefix}.product.rpc`
    const responder = await ProductResponder.serve(fixture, queue)
    const product = aProductData()
    responder.catalog.set(product.productId, product)
    const connection = amqpConnection({ url: AMQP_URL, name: prefix })
    await connection.waitUntilConnected(5_000)
    const source = amqpProductSource({ connection, queue })
    const starting = source.start().catch(() => 'rejected')
    await source.stop() // the setup is still opening its channel
    expect(await starting).toBe('rejected')
    await new Promise((resolve) => setTimeout(resolve, 300))

    const error = await source.fetch([product.productId]).catch((e: unknown) => e)
    expect(unavailable(error)).toBe(true)
    expect(responder.requests).toBe(0)
    await connection.close()
  })
})
