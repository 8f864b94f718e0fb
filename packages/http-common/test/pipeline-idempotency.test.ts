import { describe, expect, it } from 'vitest'
import { aTestApi } from './support/test-requests.js'

const anOrder = (userId: string, quantity = 1) =>
  JSON.stringify({ userId, lines: [{ productId: 'p-1', quantity }] })

describe('Idempotency-Key on POST /orders and checkout', () => {
  it('replays the original status, body and headers, marked Idempotent-Replayed', async () => {
    const api = aTestApi()
    const send = () =>
      api.call('POST /orders', { as: 'u1', body: anOrder('u1'), headers: { 'idempotency-key': 'key-1' } })
    const first = await send()
    const again = await send()
    expect(first.status).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    expect([again.status, again.body, again.headers.etag, again.headers.location]).toEqual([
      201,
      first.body,
      first.headers.etag,
      first.headers.location,
    ])
    expect(again.headers['idempotent-replayed']).toBe('true')
    const page = (await api.call('GET /orders', { as: 'u1' })).json as { items: unknown[] }
    expect(page.items).toHaveLength(1)
  })

  it('treats key order and whitespace in the body as the same request', async () => {
    const api = aTestApi()
    const headers = { 'idempotency-key': 'key-2' }
    await api.call('POST /orders', { as: 'u1', body: anOrder('u1'), headers })
    const reordered = '{ "lines": [ { "quantity": 1, "productId": "p-1" } ], "userId": "u1" }'
    const again = await api.call('POST /orders', { as: 'u1', body: reordered, headers })
    expect(again.headers['idempotent-replayed']).toBe('true')
  })

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    const api = aTestApi()
    const headers = { 'idempotency-key': 'key-3' }
    await api.call('POST /orders', { as: 'u1', body: anOrder('u1', 1), headers })
    const other = await api.call('POST /orders', { as: 'u1', body: anOrder('u1', 2), headers })
    expect([other.status, (other.json as { code: string }).code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED'])
  })

  it('scopes keys by caller: another user with the same key is a new request', async () => {
    const api = aTestApi()
    const headers = { 'idempotency-key': 'shared-key' }
    const mine = await api.call('POST /orders', { as: 'u1', body: anOrder('u1'), headers })
    const theirs = await api.call('POST /orders', { as: 'u2', body: anOrder('u2', 3), headers })
    expect([mine.status, theirs.status]).toEqual([201, 201])
    expect(theirs.headers['idempotent-replayed']).toBeUndefined()
  })

  it('does not store a failed attempt: the same key may be retried', async () => {
    const api = aTestApi()
    const headers = { 'idempotency-key': 'key-4' }
    const forbidden = await api.call('POST /orders', { as: 'u1', body: anOrder('u2'), headers })
    expect(forbidden.status).toBe(403)
    const retried = await api.call('POST /orders', { as: 'u1', body: anOrder('u1'), headers })
    expect(retried.status).toBe(201)
  })

  it('replays a checkout; the same key for another cart is IDEMPOTENCY_KEY_REUSED (the path is fingerprinted)', async () => {
    const api = aTestApi()
    const checkout = (userId: string, as: string, key: string) =>
      api.call('POST /carts/:userId/checkout', {
        as,
        role: 'service',
        params: { userId },
        headers: { 'idempotency-key': key },
      })
    for (const user of ['u1', 'u2']) {
      await api.call('POST /carts/:userId/items', {
        as: user,
        params: { userId: user },
        body: JSON.stringify({ productId: 'p-1', quantity: 1 }),
      })
    }
    const first = await checkout('u1', 'svc', 'k')
    const replay = await checkout('u1', 'svc', 'k')
    const otherCart = await checkout('u2', 'svc', 'k')
    expect([first.status, replay.status, otherCart.status]).toEqual([201, 201, 422])
    expect(replay.body).toBe(first.body)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect((otherCart.json as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect((await checkout('u2', 'svc', 'k2')).status).toBe(201)
  })

  it('refuses a malformed key with 400 before anything runs', async () => {
    const api = aTestApi()
    for (const key of ['', 'has space', 'k'.repeat(256), 'é']) {
      const response = await api.call('POST /orders', {
        as: 'u1',
        body: anOrder('u1'),
        headers: { 'idempotency-key': key },
      })
      expect([response.status, (response.json as { code: string }).code]).toEqual([400, 'MALFORMED_REQUEST'])
    }
    expect(((await api.call('GET /orders', { as: 'u1' })).json as { items: unknown[] }).items).toHaveLength(0)
  })
})
