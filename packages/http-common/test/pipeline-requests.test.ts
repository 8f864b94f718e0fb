import { describe, expect, it } from 'vitest'
import { aTestApi, testReader } from './support/test-requests.js'

const addLine = (user: string, body: unknown, headers: Record<string, string> = {}) => ({
  as: user,
  params: { userId: user },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers,
})

describe('the shared request pipeline', () => {
  it('answers a cart with a strong ETag, no-store and the request id', async () => {
    const api = aTestApi()
    const response = await api.call('POST /carts/:userId/items', {
      ...addLine('u1', { productId: 'p-1', quantity: 2 }),
      headers: { 'x-request-id': 'req-1' },
    })
    expect(response.status).toBe(200)
    expect(response.headers).toMatchObject({
      'content-type': 'application/json',
      etag: '"1"',
      'cache-control': 'no-store',
      'x-request-id': 'req-1',
    })
    expect(response.json).toMatchObject({
      userId: 'u1',
      version: 1,
      total: { amount: 2500, currency: 'EUR' },
    })
  })

  it('replaces an X-Request-Id that is not 1-128 visible ASCII characters', async () => {
    const api = aTestApi()
    for (const id of ['', 'has space', 'x'.repeat(129)]) {
      const response = await api.call('GET /carts/:userId', {
        as: 'u1',
        params: { userId: 'u1' },
        headers: { 'x-request-id': id },
      })
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    }
  })

  it('gives every request without an id its own, in the form of a version 4 UUID', async () => {
    const api = aTestApi()
    const ids = new Set<string>()
    for (let i = 0; i < 50; i++) {
      const response = await api.call('GET /carts/:userId', { as: 'u1', params: { userId: 'u1' } })
      const id = response.headers['x-request-id']!
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      ids.add(id)
    }
    expect(ids.size).toBe(50)
  })

  it('authenticates before it validates anything', async () => {
    const api = aTestApi()
    const response = await api.call('POST /carts/:userId/items', {
      params: { userId: 'not valid' },
      body: '{',
    })
    expect([response.status, (response.json as { code: string }).code]).toEqual([401, 'UNAUTHENTICATED'])
  })

  it('applies the body rules in order: 413, 415, 400, then 422', async () => {
    const api = aTestApi({ maxBodyBytes: 100 })
    const codeOf = async (request: ReturnType<typeof addLine>) =>
      ((await api.call('POST /carts/:userId/items', request)).json as { code: string }).code
    expect(await codeOf(addLine('u1', { productId: 'p-1', quantity: 1, pad: 'x'.repeat(100) }))).toBe(
      'PAYLOAD_TOO_LARGE',
    )
    expect(await codeOf(addLine('u1', 'x', { 'content-length': '101' }))).toBe('PAYLOAD_TOO_LARGE')
    expect(await codeOf(addLine('u1', '{}', { 'content-type': 'text/plain' }))).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect(await codeOf(addLine('u1', '{}', { 'content-type': 'application/json; charset=latin1' }))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    )
    expect(await codeOf(addLine('u1', '{}', { 'content-encoding': 'gzip' }))).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect(await codeOf(addLine('u1', '{"productId":'))).toBe('MALFORMED_REQUEST')
    expect(await codeOf(addLine('u1', ''))).toBe('MALFORMED_REQUEST')
    expect(await codeOf(addLine('u1', { productId: 'p-1', quantity: 0 }))).toBe('VALIDATION_FAILED')
  })

  it('accepts +json media types and reads an empty optional body as {}', async () => {
    const api = aTestApi()
    const added = await api.call('POST /carts/:userId/items', {
      ...addLine('u1', { productId: 'p-1', quantity: 1 }),
      headers: { 'content-type': 'application/merge-patch+json; charset=UTF-8' },
    })
    expect(added.status).toBe(200)
    const checkout = await api.call('POST /carts/:userId/checkout', { as: 'u1', params: { userId: 'u1' } })
    expect(checkout.status).toBe(201)
    expect(checkout.headers.location).toBe(`/orders/${(checkout.json as { id: string }).id}`)
  })

  it('answers another customer’s cart with 404 and a customer’s status change with 403', async () => {
    const api = aTestApi()
    const foreign = await api.call('GET /carts/:userId', { as: 'u2', params: { userId: 'u1' } })
    expect(foreign.status).toBe(404)
    await api.call('POST /carts/:userId/items', addLine('u1', { productId: 'p-1', quantity: 1 }))
    const order = (await api.call('POST /carts/:userId/checkout', { as: 'u1', params: { userId: 'u1' } }))
      .json as {
      id: string
    }
    const status = JSON.stringify({ status: 'Processing' })
    const byOwner = await api.call('POST /orders/:orderId/status', {
      as: 'u1',
      params: { orderId: order.id },
      body: status,
    })
    expect(byOwner.status).toBe(403)
    const byStranger = await api.call('POST /orders/:orderId/status', {
      as: 'u2',
      params: { orderId: order.id },
      body: status,
    })
    expect(byStranger.status).toBe(404)
    const byAdmin = await api.call('POST /orders/:orderId/status', {
      as: 'ops',
      role: 'admin',
      params: { orderId: order.id },
      body: status,
    })
    expect([byAdmin.status, (byAdmin.json as { status: string }).status]).toEqual([200, 'Processing'])
  })

  it('refuses product writes by customers with 403 before looking at the body or query', async () => {
    const api = aTestApi()
    const put = await api.call('PUT /products/:productId', {
      as: 'u1',
      params: { productId: 'p-1' },
      body: '{"x":1}',
    })
    const remove = await api.call('DELETE /products/:productId', { as: 'u1', params: { productId: 'p-1' } })
    expect([put.status, remove.status]).toEqual([403, 403])
    const byService = await api.call('DELETE /products/:productId', {
      as: 'catalog',
      role: 'service',
      params: { productId: 'p-1' },
      query: 'version=2',
    })
    expect(byService.status).toBe(204)
  })

  it('refuses unknown query parameters on every route', async () => {
    const api = aTestApi()
    const response = await api.call('GET /carts/:userId', {
      as: 'u1',
      params: { userId: 'u1' },
      query: 'userId[$ne]=x',
    })
    expect([response.status, (response.json as { errors: unknown }).errors]).toEqual([
      400,
      [{ path: 'userId[$ne]', message: 'unknown parameter' }],
    ])
  })

  it('honours If-Match: a stale or unknown tag is 412, a malformed one 400, the current one applies', async () => {
    const api = aTestApi()
    await api.call('POST /carts/:userId/items', addLine('u1', { productId: 'p-1', quantity: 1 }))
    const clear = (ifMatch: string) =>
      api.call('DELETE /carts/:userId', {
        as: 'u1',
        params: { userId: 'u1' },
        headers: { 'if-match': ifMatch },
      })
    expect([(await clear('"7"')).status, (await clear('W/"1"')).status, (await clear('1')).status]).toEqual([
      412, 400, 400,
    ])
    const unknown = await clear('"01"')
    expect([unknown.status, unknown.json]).toMatchObject([
      412,
      { code: 'VERSION_CONFLICT', currentVersion: 1 },
    ])
    expect(unknown.json).not.toHaveProperty('expectedVersion')
    const applied = await clear('"1"')
    expect([applied.status, applied.headers.etag]).toEqual([200, '"2"'])
    expect((await clear('*')).status).toBe(200)
  })

  it('answers 204 without a body when an order is deleted', async () => {
    const api = aTestApi()
    const created = await api.call('POST /orders', {
      as: 'u1',
      body: JSON.stringify({ userId: 'u1', lines: [{ productId: 'p-1', quantity: 1 }] }),
    })
    const orderId = (created.json as { id: string }).id
    const deleted = await api.call('DELETE /orders/:orderId', { as: 'u1', params: { orderId } })
    expect([deleted.status, deleted.body, deleted.headers['content-type']]).toEqual([
      204,
      undefined,
      undefined,
    ])
    expect((await api.call('GET /orders/:orderId', { as: 'u1', params: { orderId } })).status).toBe(404)
  })

  it('reports every request to onRequest and only unexpected errors to onError', async () => {
    const seen: { route: string; status: number }[] = []
    const errors: unknown[] = []
    const api = aTestApi({
      onRequest: ({ route, status }) => seen.push({ route, status }),
      onError: (error) => errors.push(error),
    })
    await api.call('GET /carts/:userId', { as: 'u1', params: { userId: 'u1' } })
    await api.call('GET /orders/:orderId', { params: { orderId: 'o1' } })
    api.adapters.orders.failures.failNext('findById', new TypeError('a bug'))
    const failed = await api.call('GET /orders/:orderId', { as: 'u1', params: { orderId: 'o1' } })
    expect(failed.status).toBe(500)
    expect(seen).toEqual([
      { route: 'GET /carts/:userId', status: 200 },
      { route: 'GET /orders/:orderId', status: 401 },
      { route: 'GET /orders/:orderId', status: 500 },
    ])
    expect(errors).toEqual([new TypeError('a bug')])
  })

  it('reports a 503 to onDependencyError with its cause, not to onError', async () => {
    const dependencyErrors: unknown[] = []
    const errors: unknown[] = []
    const api = aTestApi({
      onError: (error) => errors.push(error),
      onDependencyError: (error) => dependencyErrors.push(error),
    })
    const down = new Error('connection refused')
    api.adapters.carts.failures.failNext('get', down)
    const failed = await api.call('GET /carts/:userId', { as: 'u1', params: { userId: 'u1' } })
    expect(failed.status).toBe(503)
    expect(errors).toEqual([])
    expect(dependencyErrors).toEqual([
      expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE', cause: down }),
    ])
  })

  it('answers 404 problem+json for an unrouted request', () => {
    const api = aTestApi()
    const result = api.pipeline.unrouted({}, testReader, 'GET')
    expect(result.status).toBe(404)
    expect(JSON.parse(result.body ?? '')).toMatchObject({ code: 'NOT_FOUND', status: 404 })
  })
})
