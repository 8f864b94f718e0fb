import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient, deliver } from '../support/api-client.js'
import { type ServerProcess, startServerProcess } from '../support/server-process.js'

const exec = promisify(execFile)

describe.each(['express', 'hono'])('the built server, embedded default, on %s', (framework) => {
  let server: ServerProcess

  beforeAll(async () => {
    server = await startServerProcess({ HTTP_FRAMEWORK: framework })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('says in its first log line that it runs in memory, and warns about dev headers', () => {
    expect(server.logs[0]?.msg).toMatch(/in-memory/)
    expect(server.logs[0]?.storage).toBe('in-memory')
    expect(server.logs.some((line) => line.level === 40 && /AUTH_DEV_HEADERS/.test(line.msg))).toBe(true)
  })

  it('prints curl commands that add to a cart and check out as they are', async () => {
    const curlLines = () =>
      server
        .stderr()
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('curl '))
    // stderr (the banner) and stdout (the logs) are separate pipes: the banner may arrive a little later.
    await expect.poll(() => curlLines().length).toBe(3)
    const commands = curlLines()
    const outputs: string[] = []
    for (const command of commands) outputs.push((await exec('sh', ['-c', command])).stdout)
    const [cart, order, page] = outputs.map((output) => JSON.parse(output as string))
    expect(cart.lines[0]).toMatchObject({ productId: 'espresso-beans', quantity: 2 })
    expect(order).toMatchObject({ status: 'Pending', total: { amount: 3780, currency: 'EUR' } })
    expect(page.items.map((o: { id: string }) => o.id)).toContain(order.id)
  })

  it('walks a journey over HTTP: cart, checkout, statuses to Delivered', async () => {
    const customer = apiClient(server.url, { userId: `journey-${framework}` })
    const admin = apiClient(server.url, { userId: 'ops', role: 'admin' })
    expect(
      (await customer.post(`/carts/journey-${framework}/items`, { productId: 'green-tea', quantity: 3 }))
        .status,
    ).toBe(200)
    expect(
      (await customer.post(`/carts/journey-${framework}/items`, { productId: 'moka-pot', quantity: 1 }))
        .status,
    ).toBe(200)
    const unavailable = await customer.post(`/carts/journey-${framework}/items`, {
      productId: 'milk-frother',
      quantity: 1,
    })
    expect(unavailable.body.code).toBe('PRODUCT_UNAVAILABLE')
    const checkout = await customer.post<{ id: string; total: unknown }>(
      `/carts/journey-${framework}/checkout`,
    )
    expect(checkout.status).toBe(201)
    expect(checkout.body.total).toEqual({ amount: 3 * 650 + 3499, currency: 'EUR' })
    expect(await deliver(admin, checkout.body.id)).toEqual(['Processing', 'Shipped', 'Delivered'])
    const order = await customer.get<{ status: string; statusHistory: unknown[] }>(
      `/orders/${checkout.body.id}`,
    )
    expect(order.body.status).toBe('Delivered')
    expect(order.body.statusHistory).toHaveLength(4)
  })

  it('relays the outbox: order events reach the (logging) publisher with their request id', async () => {
    const customer = apiClient(server.url, { userId: `events-${framework}` })
    await customer.post(`/carts/events-${framework}/items`, { productId: 'green-tea', quantity: 1 })
    const requestId = `req-${framework}-${Date.now()}`
    const checkout = await customer.post<{ id: string }>(
      `/carts/events-${framework}/checkout`,
      {},
      { 'x-request-id': requestId },
    )
    await expect
      .poll(() => server.logs.find((l) => l.type === 'order.created' && l.subject === checkout.body.id), {
        timeout: 5000,
      })
      .toMatchObject({ requestId })
  })

  it('serves the ops endpoints', async () => {
    const ready = await fetch(`${server.url}/health/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { memory: expect.objectContaining({ status: 'up' }) },
    })
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200)
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="POST \/carts\/:userId\/checkout",status="201"\} [1-9]/,
    )
    expect(metrics).toMatch(/orders_outbox_backlog_events \d/)
    expect(metrics).toMatch(/orders_outbox_published_events_total [1-9]/)
    const openapi = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      openapi: string
      paths: object
    }
    expect(openapi.openapi).toBe('3.1.0')
    expect(Object.keys(openapi.paths)).toContain('/carts/{userId}/checkout')
    const docs = await fetch(`${server.url}/docs`)
    expect(docs.headers.get('content-type')).toMatch(/text\/html/)
    expect(await docs.text()).toContain('/docs/swagger-ui-bundle.js')
    const bundle = await fetch(`${server.url}/docs/swagger-ui-bundle.js`)
    expect(bundle.status).toBe(200)
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000)
  })

  it('exits 0 on SIGTERM', async () => {
    expect(await server.stop('SIGTERM')).toBe(0)
    expect(server.logs.at(-1)).toMatchObject({ msg: 'stopped', clean: true })
  })
})
