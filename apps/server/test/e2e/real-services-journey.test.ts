import { afterAll, beforeAll, describe, expect, inject, it as itBase } from 'vitest'
import { apiClient, deliver } from '../support/api-client.js'
import { JWT_SECRET, tokenFor } from '../support/jwt.js'
import { databaseUri, dropDatabase } from '../support/mongo.js'
import { ProductServiceDouble } from '../support/product-service.js'
import { type ServerProcess, startServerProcess } from '../support/server-process.js'
import { deleteRedisKeys, serverEnv, servicesAvailable, uniqueNames } from '../support/services.js'

const available = await servicesAvailable()
const mongodbUri = inject('mongodbUri')
const eur = (amount: number) => ({ amount, currency: 'EUR' })

const STORAGES = [
  { storage: 'memory', framework: 'hono', skip: !available },
  { storage: 'mongodb', framework: 'express', skip: !available || !mongodbUri },
] as const

describe.each(STORAGES)('the built server on RabbitMQ and Redis, $storage storage, $framework', (variant) => {
  const names = uniqueNames(`journey-${variant.storage}`)
  const database = names.prefix.replaceAll('.', '_')
  let productService: ProductServiceDouble
  let server: ServerProcess

  beforeAll(async () => {
    if (variant.skip) return
    productService = await ProductServiceDouble.start(names)
    const mongo: Record<string, string> =
      variant.storage === 'mongodb' ? { MONGODB_URI: databaseUri(mongodbUri!, database) } : {}
    server = await startServerProcess(
      serverEnv(names, JWT_SECRET, { HTTP_FRAMEWORK: variant.framework, ...mongo }),
    )
  })
  afterAll(async () => {
    if (variant.skip) return
    await server?.stop()
    await productService?.close()
    await deleteRedisKeys(names.redisPrefix)
    if (variant.storage === 'mongodb') await dropDatabase(mongodbUri!, database)
  })
  const it = variant.skip ? itBase.skip : itBase

  it('walks the journey: products arrive, cart, price change, checkout, Delivered, events out', async () => {
    const user = 'journey-user'
    const customer = apiClient(server.url, { token: await tokenFor(user) })
    const admin = apiClient(server.url, { token: await tokenFor('ops', 'admin') })

    await productService.publish('product.created', {
      productId: 'kettle',
      name: 'Kettle',
      price: eur(2500),
      available: true,
      stock: 5,
      version: 1,
    })
    await expect
      .poll(async () => (await customer.get('/products/kettle')).status, { timeout: 5000 })
      .toBe(200)
    // Not announced by any event: the server asks ProductService over RPC.
    productService.catalog.set('teapot', {
      productId: 'teapot',
      name: 'Teapot',
      price: eur(1800),
      available: true,
      version: 3,
    })
    expect((await customer.post(`/carts/${user}/items`, { productId: 'kettle', quantity: 2 })).status).toBe(
      200,
    )
    expect((await customer.post(`/carts/${user}/items`, { productId: 'teapot', quantity: 1 })).status).toBe(
      200,
    )
    expect(productService.rpcRequests).toBeGreaterThan(0)
    const ghost = await customer.post(`/carts/${user}/items`, { productId: 'ghost', quantity: 1 })
    expect(ghost.body.code).toBe('PRODUCT_NOT_FOUND')

    await productService.publish('product.updated', {
      productId: 'kettle',
      name: 'Kettle',
      price: eur(2700),
      available: true,
      version: 2,
    })
    await productService.publish('product.updated', {
      productId: 'kettle',
      name: 'Kettle',
      price: eur(1),
      available: true,
      version: 1,
    })
    await expect
      .poll(async () => (await customer.get<{ price: unknown }>('/products/kettle')).body.price, {
        timeout: 5000,
      })
      .toEqual(eur(2700))
    const cart = await customer.get<{ lines: { productId: string; priceChanged: boolean }[] }>(
      `/carts/${user}`,
    )
    expect(cart.body.lines.find((line) => line.productId === 'kettle')?.priceChanged).toBe(true)

    const refused = await customer.post(`/carts/${user}/checkout`, {})
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({
      code: 'PRICE_CHANGED',
      changes: [{ productId: 'kettle', unitPrice: eur(2500), currentPrice: eur(2700) }],
    })
    const requestId = `${names.prefix}.checkout`
    const checkout = await customer.post<{ id: string; total: unknown }>(
      `/carts/${user}/checkout`,
      { acceptPriceChanges: true },
      { 'x-request-id': requestId },
    )
    expect(checkout.status).toBe(201)
    expect(checkout.body.total).toEqual(eur(2 * 2700 + 1800))
    expect(await deliver(admin, checkout.body.id)).toEqual(['Processing', 'Shipped', 'Delivered'])

    await expect.poll(() => productService.events('order.status_changed').length, { timeout: 5000 }).toBe(3)
    const created = productService.events('order.created')
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({ subject: checkout.body.id, requestId })
    expect(productService.events('cart.checked_out').map((event) => event.subject)).toEqual([user])
    const statuses = productService.events('order.status_changed').map((event) => event.data.status)
    expect(statuses).toEqual(['Processing', 'Shipped', 'Delivered'])
    console.info(
      `[e2e] journey (${variant.storage}): 1 order placed, ${productService.orderEvents.length} order events received (${[
        ...new Set(productService.orderEvents.map((event) => event.type)),
      ].join(', ')})`,
    )
  })

  it('sends an invalid product event to the DLQ and counts it; the queue keeps flowing', async () => {
    await productService.publishRaw('product.updated', '{"not":"an envelope"}')
    await expect.poll(() => productService.depth(`${names.productQueue}.dlq`), { timeout: 5000 }).toBe(1)
    await productService.publish('product.created', {
      productId: 'after-dlq',
      name: 'Cup',
      price: eur(300),
      available: true,
      version: 1,
    })
    const customer = apiClient(server.url, { token: await tokenFor('someone') })
    await expect
      .poll(async () => (await customer.get('/products/after-dlq')).status, { timeout: 5000 })
      .toBe(200)
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toMatch(/orders_product_events_dead_lettered_total 1/)
    expect(metrics).toMatch(/orders_product_events_consumed_total [1-9]/)
    expect(metrics).toMatch(/orders_product_cache_lookups_total\{result="hit"\} [1-9]/)
    expect(metrics).toMatch(/^orders_outbox_backlog_events \d+$/m)
    expect(metrics).toMatch(/^orders_outbox_oldest_event_age_seconds [\d.e+-]+$/m)
    expect(metrics).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="POST \/carts\/:userId\/checkout",status="201"\} 1$/m,
    )
  })

  it('reports each dependency on /health/ready', async () => {
    const ready = await fetch(`${server.url}/health/ready`)
    expect(ready.status).toBe(200)
    const body = (await ready.json()) as { checks: Record<string, { status: string }> }
    expect(Object.keys(body.checks).sort()).toEqual([variant.storage, 'rabbitmq', 'redis'].sort())
    expect(Object.values(body.checks).every((check) => check.status === 'up')).toBe(true)
  })

  it('cached product states in Redis under its own prefix', async () => {
    const { Redis } = await import('ioredis')
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
    try {
      expect(await redis.keys(`${names.redisPrefix}*`)).toContain(`${names.redisPrefix}product:v1:kettle`)
    } finally {
      redis.disconnect()
    }
  })

  it('stops on SIGTERM with exit code 0, logging its own closes as closes, not as lost connections', async () => {
    expect(await server.stop('SIGTERM')).toBe(0)
    const messages = server.logs.map((line) => line.msg)
    expect(messages.filter((msg) => msg.includes('connection lost'))).toEqual([])
    expect(messages).toEqual(
      expect.arrayContaining(['rabbitmq connection closed', 'redis connection closed']),
    )
    if (variant.storage === 'mongodb') expect(messages).toContain('mongodb connection closed')
  })
})
