import { aProductData } from '@orders/contract-tests'
import { createOrderService, type OrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AmqpConnection, amqpConnection, amqpOrderEventsPublisher } from '../src/index.js'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { OrderEventsSubscriber } from './support/order-events-subscriber.js'
import { brokerAddress, proxiedUrl, TcpProxy } from './support/tcp-proxy.js'

const broker = await brokerAvailable()
const ORDERS = 500
const prefix = uniqueNames('loss-outbox')
const exchange = `${prefix}.order.events`
const actor = { userId: 'ops', role: 'service' as const }

describe.skipIf(!broker)('connection loss: order events from the outbox', () => {
  let fixture: BrokerFixture
  let proxy: TcpProxy
  let connection: AmqpConnection
  let subscriber: OrderEventsSubscriber
  let service: OrderService
  const product = aProductData({ price: { amount: 450, currency: 'EUR' } })

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    subscriber = await OrderEventsSubscriber.bind(fixture, exchange, `${prefix}.subscriber`)
    proxy = new TcpProxy(brokerAddress(AMQP_URL))
    connection = amqpConnection({
      url: proxiedUrl(AMQP_URL, await proxy.listen()),
      name: prefix,
      reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
    })
    const publisher = amqpOrderEventsPublisher({ connection, exchange })
    await publisher.start()
    service = createOrderService({ ...inMemoryAdapters({ catalog: [product] }), publisher })
  })
  afterAll(async () => {
    await connection?.close()
    await proxy?.close()
    await fixture?.cleanup()
  })

  const relay = (leaseMs: number) =>
    service.worker.relayOutboxOnce({ owner: 'test-worker', limit: 100, leaseMs })

  it('500 order events written during an outage all reach order.events once the link is back', async () => {
    proxy.down()
    expect(await eventually(() => !connection.isConnected)).toBe(true)
    const written = new Set<string>()
    for (let i = 0; i < ORDERS; i++) {
      const userId = `user-${i}`
      const { order } = await service.orders.create({
        actor,
        userId,
        lines: [{ productId: product.productId, quantity: 1 }],
      })
      written.add(order.id)
    }
    expect((await service.worker.outboxBacklog()).events).toBe(ORDERS)

    // During the outage the relay fails fast and keeps everything in the outbox.
    const started = Date.now()
    const during = await relay(1)
    expect(during.claimed).toBeGreaterThan(0)
    expect(during).toMatchObject({ published: 0, failed: during.claimed })
    expect(Date.now() - started).toBeLessThan(1000)
    expect((await service.worker.outboxBacklog()).events).toBe(ORDERS)

    proxy.up()
    await connection.waitUntilConnected(10_000)
    // One more cut just as a pass starts: its batches are never confirmed, so none is marked published.
    const cutPass = relay(200)
    proxy.cut()
    expect(await cutPass).toMatchObject({ published: 0, failed: 100 })

    const deadline = Date.now() + 30_000
    let passes = 0
    while ((await service.worker.outboxBacklog()).events > 0 && Date.now() < deadline) {
      passes += 1
      if ((await relay(200)).published === 0) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect((await service.worker.outboxBacklog()).events).toBe(0)

    const arrived = () => subscriber.events().filter((e) => written.has(e.subject))
    expect(await eventually(() => new Set(arrived().map((e) => e.id)).size === ORDERS, 10_000)).toBe(true)
    const received = arrived()
    const distinct = new Set(received.map((e) => e.id)).size
    console.info(
      `[connection loss, outbox] written ${ORDERS}, received ${received.length}, distinct ${distinct}, ` +
        `duplicates ${received.length - distinct}, relay passes to drain ${passes}`,
    )
    expect(new Set(received.map((e) => e.subject))).toEqual(written)
    expect(received.every((e) => e.type === 'order.created')).toBe(true)
    expect(subscriber.invalid).toEqual([])
  })
})
