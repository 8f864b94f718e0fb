import { aProductData } from '@orders/contract-tests'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { amqpConnection } from '../src/index.js'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { startConsumer } from './support/consumer-harness.js'
import { aProductEvent, publishEvents } from './support/product-events.js'
import { brokerAddress, proxiedUrl, TcpProxy } from './support/tcp-proxy.js'

const broker = await brokerAvailable()

describe.skipIf(!broker)('connection life cycle', () => {
  let fixture: BrokerFixture
  let proxy: TcpProxy
  let url: string

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    proxy = new TcpProxy(brokerAddress(AMQP_URL))
    url = proxiedUrl(AMQP_URL, await proxy.listen())
  })
  afterAll(async () => {
    await proxy?.close()
    await fixture?.cleanup()
  })

  it('reports disconnected, reconnects with growing delays while the broker is away, then connected', async () => {
    const connection = amqpConnection({ url, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } })
    const seen: string[] = []
    const delays: number[] = []
    connection.on('connected', () => seen.push('connected'))
    connection.on('disconnected', () => seen.push('disconnected'))
    connection.on('reconnecting', ({ delayMs }) => delays.push(delayMs))
    await connection.waitUntilConnected(5000)

    proxy.down()
    expect(await eventually(() => delays.length >= 4, 5000)).toBe(true)
    expect(connection.isConnected).toBe(false)
    proxy.up()
    expect(await eventually(() => connection.isConnected, 5000)).toBe(true)
    await connection.close()

    expect(seen).toEqual(['connected', 'disconnected', 'connected', 'disconnected'])
    expect(delays[3]).toBeGreaterThan(delays[0]!)
    expect(Math.max(...delays)).toBeLessThanOrEqual(200)
  })

  it('stops reconnecting once closed', async () => {
    const connection = amqpConnection({ url, reconnect: { initialDelayMs: 20, maxDelayMs: 50 } })
    await connection.waitUntilConnected(5000)
    proxy.down()
    await eventually(() => !connection.isConnected)
    await connection.close()
    const accepted = proxy.connectionsAccepted
    proxy.up()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(proxy.connectionsAccepted).toBe(accepted)
  })

  it('stops a consumer gracefully: in-flight messages finish, the rest stay in the queue', async () => {
    const harness = await startConsumer({ fixture, prefix: uniqueNames('graceful'), prefetch: 20 })
    const events = Array.from({ length: 1000 }, () => aProductEvent(aProductData()))
    const publishing = publishEvents(fixture.channel, harness.exchange, events)
    await eventually(() => harness.counts.applied > 0)

    await harness.consumer.stop()
    await publishing
    const applied = harness.counts.applied
    const queue = harness.consumer.topology.queue
    // Prefetched but unhandled messages return to the queue when the channel closes (asynchronously).
    const accounted = await eventually(async () => applied + (await fixture.depth(queue)) === events.length)
    await harness.close()

    expect(applied).toBeGreaterThan(0)
    expect(applied).toBeLessThan(events.length)
    expect(accounted).toBe(true)
    expect(harness.counts.applied).toBe(applied)
  })
})
