import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { productFromData } from '@orders/core'
import type { Container } from 'inversify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildContainer } from '../../src/composition/build-container.js'
import { resolver } from '../../src/composition/tokens.js'
import { loadConfig } from '../../src/config/load-config.js'
import { DEMO_CATALOG } from '../../src/demo/demo-catalog.js'
import { capturingLogger } from '../support/silent-logger.js'

const ALL = { mongo: true, redis: true, amqp: true }
const actor = { userId: 'u-1', role: 'customer' as const }
let container: Container | undefined

afterEach(async () => {
  await container?.unbindAllAsync()
  container = undefined
})

describe('the composition root', () => {
  it('without adapter variables wires in-memory storage, no cache, no RPC, and the logging publisher', async () => {
    const { logger, lines } = capturingLogger()
    container = await buildContainer(loadConfig({}, ALL), logger)
    const deps = resolver(container)
    expect((await deps.get('storage')).kind).toBe('memory')
    expect(await deps.optional('productCache')).toBeUndefined()
    expect(await deps.optional('productSource')).toBeUndefined()
    expect((await deps.all('healthCheck')).map((check) => check.name)).toEqual(['memory'])
    expect(await deps.all('consumer')).toEqual([])

    const service = await deps.get('service')
    await service.products.apply(productFromData(DEMO_CATALOG[0]!))
    await service.carts.addItem({ actor, userId: 'u-1', productId: 'espresso-beans', quantity: 1 })
    const { order } = await service.checkout.execute({ actor, userId: 'u-1' })
    const relayed = await service.worker.relayOutboxOnce({ owner: 'test' })
    expect(relayed.published).toBeGreaterThan(0)
    expect(lines).toContainEqual(expect.objectContaining({ type: 'order.created', subject: order.id }))
  })

  it('resolves every binding once (singletons)', async () => {
    container = await buildContainer(loadConfig({}, ALL), capturingLogger().logger)
    const deps = resolver(container)
    expect(await deps.get('service')).toBe(await deps.get('service'))
    expect(await deps.get('metrics')).toBe(await deps.get('metrics'))
  })

  it.each(['express', 'hono'])('serves the API on %s through the same service', async (framework) => {
    container = await buildContainer(loadConfig({ HTTP_FRAMEWORK: framework }, ALL), capturingLogger().logger)
    const deps = resolver(container)
    const service = await deps.get('service')
    await service.products.apply(productFromData(DEMO_CATALOG[1]!))
    const api = await deps.get('apiListener')
    // Express's requests are built with its prototypes in place (see expressServerOptions); Hono needs none.
    expect(Object.keys(api.serverOptions)).toEqual(
      framework === 'express' ? ['IncomingMessage', 'ServerResponse'] : [],
    )
    const server = createServer(api.serverOptions, api.handle)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const response = await fetch(`http://127.0.0.1:${port}/products/green-tea`, {
        headers: { 'x-user-id': 'u-1' },
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ productId: 'green-tea', price: { amount: 650 } })
      const metrics = await (await deps.get('metrics')).registry.metrics()
      expect(metrics).toContain('route="GET /products/:productId",status="200"')
    } finally {
      server.close()
    }
  })

  it('counts core telemetry into Prometheus metrics', async () => {
    container = await buildContainer(loadConfig({}, ALL), capturingLogger().logger)
    await resolver(container).get('service')
    const metrics = await resolver(container).get('metrics')
    metrics.telemetry.count('product_cache_hit', 3)
    metrics.telemetry.count('product_cache_miss')
    metrics.telemetry.count('some_adapter_event', 2)
    const text = await metrics.registry.metrics()
    expect(text).toContain('orders_product_cache_lookups_total{result="hit"} 3')
    expect(text).toContain('orders_product_cache_hit_ratio 0.75')
    expect(text).toContain('orders_telemetry_events_total{event="some_adapter_event"} 2')
    expect(text).toMatch(/orders_outbox_backlog_events 0/)
  })
  it('bounds the outbox of each order at ORDER_OUTBOX_MAX_PENDING_EVENTS (503 until the relay drains it)', async () => {
    const config = loadConfig({ ORDER_OUTBOX_MAX_PENDING_EVENTS: '2' }, ALL)
    container = await buildContainer(config, capturingLogger().logger)
    const service = await resolver(container).get('service')
    await service.products.apply(productFromData(DEMO_CATALOG[0]!))
    const { order } = await service.orders.create({
      actor,
      userId: 'u-1',
      lines: [{ productId: 'espresso-beans', quantity: 1 }],
    })
    // order.created is waiting: one more change fills the outbox, the next is refused.
    await service.orders.update({ actor, orderId: order.id, changes: { note: 'first' } })
    await expect(
      service.orders.update({ actor, orderId: order.id, changes: { note: 'second' } }),
    ).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' })
    await service.worker.relayOutboxOnce({ owner: 'test' })
    await service.orders.update({ actor, orderId: order.id, changes: { note: 'second' } })
  })
})
