import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createOrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHonoApp } from '../src/index.js'
import { aToken, TEST_SECRET } from './support/tokens.js'

const catalog = [
  { productId: 'p-1', name: 'Mug', price: { amount: 1250, currency: 'EUR' }, available: true, version: 1 },
]

let baseUrl = ''
let close: () => Promise<void> = async () => {}

beforeAll(async () => {
  const app = createHonoApp({
    service: createOrderService(inMemoryAdapters({ catalog })),
    auth: { jwtSecret: TEST_SECRET },
  })
  app.get('/health/live', (c) => c.json({ status: 'ok' }))
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => new Promise((resolve) => server.close(() => resolve()))
})

afterAll(() => close())

const as = (sub: string, role?: string) => ({ authorization: `Bearer ${aToken({ sub, role })}` })
const json = { 'content-type': 'application/json' }

describe('createHonoApp', () => {
  it('adds to a cart, checks it out and reads the order, with ETags and no-store on the cart', async () => {
    const added = await fetch(`${baseUrl}/carts/u-1/items`, {
      method: 'POST',
      headers: { ...as('u-1'), ...json },
      body: JSON.stringify({ productId: 'p-1', quantity: 2 }),
    })
    expect(added.status).toBe(200)
    expect(added.headers.get('etag')).toBe('"1"')
    expect(added.headers.get('cache-control')).toBe('no-store')
    expect(await added.json()).toMatchObject({ userId: 'u-1', total: { amount: 2500, currency: 'EUR' } })

    const checkout = await fetch(`${baseUrl}/carts/u-1/checkout`, { method: 'POST', headers: as('u-1') })
    expect(checkout.status).toBe(201)
    const order = (await checkout.json()) as { id: string; version: number }
    expect(checkout.headers.get('location')).toBe(`/orders/${order.id}`)

    const read = await fetch(`${baseUrl}/orders/${order.id}`, { headers: as('u-1') })
    expect(read.status).toBe(200)
    expect(read.headers.get('etag')).toBe(`"${order.version}"`)
  })

  it('answers 401 problem+json with a Bearer challenge without a token', async () => {
    const response = await fetch(`${baseUrl}/carts/u-1`)
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    expect(await response.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
  })

  it('answers 404 problem+json for an unknown route and still serves routes added after creation', async () => {
    const unknown = await fetch(`${baseUrl}/nothing-here`, { headers: as('u-1') })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' })
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200)
  })

  it('answers 404 problem+json for another method, another case or a trailing slash on a known path', async () => {
    for (const [method, path] of [
      ['PUT', '/orders'],
      ['OPTIONS', '/orders'],
      ['GET', '/Orders'],
      ['GET', '/carts/u-1/'],
    ] as const) {
      const response = await fetch(`${baseUrl}${path}`, { method, headers: as('u-1') })
      expect([method, path, response.status, response.headers.get('content-type')]).toEqual([
        method,
        path,
        404,
        'application/problem+json',
      ])
    }
  })

  it('answers 400 problem+json for a path that is not valid percent-encoding', async () => {
    const response = await fetch(`${baseUrl}/orders/%E0%A4%A`, { headers: as('u-1') })
    expect(response.status).toBe(400)
    // Regression (parity with Express): Hono passed the raw parameter on, answering an id error instead.
    expect(await response.json()).toMatchObject({
      code: 'MALFORMED_REQUEST',
      detail: 'the path is not valid percent-encoding',
    })
    expect((await fetch(`${baseUrl}/orders/%25`, { headers: as('u-1') })).status).toBe(400)
  })

  it('matches literal segments only as spelled, as on Express (regression: /%6Frders routed as /orders)', async () => {
    for (const path of ['/%6Frders', '/%63arts/u-1', '/carts/u-1/%69tems']) {
      const response = await fetch(`${baseUrl}${path}`, { headers: as('u-1') })
      expect([path, response.status, response.headers.get('content-type')]).toEqual([
        path,
        404,
        'application/problem+json',
      ])
    }
    expect((await fetch(`${baseUrl}/carts/u%2D1`, { headers: as('u-1') })).status).toBe(200)
  })

  it('refuses an oversized body (413), a non-JSON body (415) and malformed JSON (400)', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${baseUrl}/carts/u-2/items`, { method: 'POST', headers: { ...as('u-2'), ...headers }, body })
    const big = await post(
      json,
      JSON.stringify({ productId: 'p-1', quantity: 1, pad: 'x'.repeat(1_100_000) }),
    )
    expect([big.status, ((await big.json()) as { code: string }).code]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    const text = await post({ 'content-type': 'text/plain' }, 'productId=p-1')
    expect([text.status, ((await text.json()) as { code: string }).code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ])
    const broken = await post(json, '{"productId": ')
    expect([broken.status, ((await broken.json()) as { code: string }).code]).toEqual([
      400,
      'MALFORMED_REQUEST',
    ])
  })

  it('refuses a streamed (chunked) body with 413 once it passes 1 MiB, and accepts a small one', async () => {
    const streamed = (text: string, times: number) =>
      fetch(`${baseUrl}/carts/u-4/items`, {
        method: 'POST',
        headers: { ...as('u-4'), ...json },
        duplex: 'half',
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < times; i++) controller.enqueue(new TextEncoder().encode(text))
            controller.close()
          },
        }),
      } as RequestInit)
    const big = await streamed(' '.repeat(64 * 1024), 20)
    expect([big.status, ((await big.json()) as { code: string }).code]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    const small = await streamed(JSON.stringify({ productId: 'p-1', quantity: 1 }), 1)
    expect(small.status).toBe(200)
  })

  it('resolves dot segments and refuses a repeated Authorization header, as a raw client sends them', async () => {
    const token = as('u-5').authorization
    expect(await rawStatus('/orders/../carts/u-5', ['Authorization', token])).toBe(200)
    expect(await rawStatus('/carts/u-5', ['Authorization', token, 'Authorization', token])).toBe(401)
  })

  it('echoes a valid X-Request-Id and generates one otherwise', async () => {
    const given = await fetch(`${baseUrl}/carts/u-3`, { headers: { ...as('u-3'), 'x-request-id': 'req-42' } })
    expect(given.headers.get('x-request-id')).toBe('req-42')
    const generated = await fetch(`${baseUrl}/carts/u-3`, { headers: as('u-3') })
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})

/** A request exactly as given (fetch would normalize the path and merge headers). */
function rawStatus(path: string, headers: string[]): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseUrl)
    const req = request(
      { host: url.hostname, port: url.port, path, headers: ['Host', url.host, ...headers] },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode))
      },
    )
    req.on('error', reject)
    req.end()
  })
}
