import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../support/api-client.js'
import { JWT_SECRET, tokenFor } from '../support/jwt.js'
import { ProductServiceDouble } from '../support/product-service.js'
import { type ServerProcess, startServerProcess } from '../support/server-process.js'
import { deleteRedisKeys, serverEnv, servicesAvailable, uniqueNames } from '../support/services.js'

const available = await servicesAvailable()
const names = uniqueNames('flush')

describe.skipIf(!available)('SIGTERM and restart on RabbitMQ', () => {
  let productService: ProductServiceDouble
  let server: ServerProcess

  beforeAll(async () => {
    productService = await ProductServiceDouble.start(names)
    // The relay's interval is far away: only the flush at shutdown can publish these events.
    server = await startServerProcess(serverEnv(names, JWT_SECRET, { OUTBOX_RELAY_INTERVAL_MS: '600000' }))
  })
  afterAll(async () => {
    await server?.stop()
    await productService?.close()
    await deleteRedisKeys(names.redisPrefix)
  })

  it('flushes the outbox relay before exiting 0', async () => {
    productService.catalog.set('mug', {
      productId: 'mug',
      name: 'Mug',
      price: { amount: 900, currency: 'EUR' },
      available: true,
      version: 1,
    })
    const orders: string[] = []
    for (const user of ['flush-a', 'flush-b', 'flush-c']) {
      const customer = apiClient(server.url, { token: await tokenFor(user) })
      expect((await customer.post(`/carts/${user}/items`, { productId: 'mug', quantity: 1 })).status).toBe(
        200,
      )
      const checkout = await customer.post<{ id: string }>(`/carts/${user}/checkout`)
      expect(checkout.status).toBe(201)
      orders.push(checkout.body.id)
    }
    await sleep(300)
    expect(productService.events('order.created')).toEqual([])
    expect(await server.stop('SIGTERM')).toBe(0)
    await expect
      .poll(
        () =>
          productService
            .events('order.created')
            .map((event) => event.subject)
            .sort(),
        { timeout: 5000 },
      )
      .toEqual([...orders].sort())
    expect(server.logs.find((line) => line.msg === 'outbox relay flushed')).toMatchObject({ flushed: 6 })
  })

  it('keeps product events published while no instance runs, and applies them on the next start', async () => {
    expect(server.child.exitCode).toBe(0)
    await productService.publish('product.updated', {
      productId: 'mug',
      name: 'Mug',
      price: { amount: 950, currency: 'EUR' },
      available: true,
      version: 2,
    })
    server = await startServerProcess(serverEnv(names, JWT_SECRET))
    const customer = apiClient(server.url, { token: await tokenFor('after-restart') })
    // The RPC catalog still says version 1 at 900: only the queued event can give 950.
    await expect
      .poll(async () => (await customer.get<{ price?: unknown }>('/products/mug')).body.price, {
        timeout: 5000,
      })
      .toEqual({ amount: 950, currency: 'EUR' })
    expect(await server.stop('SIGTERM')).toBe(0)
  })
})
