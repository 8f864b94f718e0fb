import { describe, expect, it } from 'vitest'
import { fingerprintRequest } from '../src/index.js'
import { aService, customer, failure } from './support/harness.js'

const alice = customer('alice')
const body = { userId: 'alice', lines: [{ productId: 'p-1', quantity: 2 }] }

async function createIdempotently(
  service: ReturnType<typeof aService>['service'],
  key: string,
  requestBody: typeof body,
) {
  const fingerprint = await fingerprintRequest({ method: 'POST', route: '/orders', body: requestBody })
  return service.idempotency.run({ userId: 'alice', key, fingerprint }, async () => {
    const { order } = await service.orders.create({ actor: alice, ...requestBody, idempotencyKey: key })
    return { status: 201, body: order }
  })
}

describe('Idempotency-Key', () => {
  it('replays the stored response for the same key and body', async () => {
    const { service, adapters } = aService()
    const first = await createIdempotently(service, 'key-1', body)
    const second = await createIdempotently(service, 'key-1', {
      lines: [{ quantity: 2, productId: 'p-1' }],
      userId: 'alice',
    })
    expect(first.replayed).toBe(false)
    expect(second).toEqual({ response: first.response, replayed: true })
    expect(await adapters.orders.list({ limit: 10 })).toHaveLength(1)
  })

  it('rejects the same key with another body (IDEMPOTENCY_KEY_REUSED)', async () => {
    const { service, adapters } = aService()
    await createIdempotently(service, 'key-1', body)
    const error = await failure(
      createIdempotently(service, 'key-1', { ...body, lines: [{ productId: 'p-1', quantity: 3 }] }),
    )
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await adapters.orders.list({ limit: 10 })).toHaveLength(1)
  })

  it('answers IDEMPOTENCY_KEY_IN_USE while the first request runs', async () => {
    const { service } = aService()
    const fingerprint = await fingerprintRequest({ method: 'POST', route: '/orders', body })
    let release = () => {}
    const slow = service.idempotency.run({ userId: 'alice', key: 'k', fingerprint }, async () => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return { status: 201, body: {} }
    })
    const error = await failure(
      service.idempotency.run({ userId: 'alice', key: 'k', fingerprint }, async () => ({
        status: 201,
        body: {},
      })),
    )
    expect(error.code).toBe('IDEMPOTENCY_KEY_IN_USE')
    release()
    await slow
  })

  it('releases the key when the request fails, so a retry runs', async () => {
    const { service } = aService()
    const fingerprint = await fingerprintRequest({ method: 'POST', route: '/orders', body })
    await expect(
      service.idempotency.run({ userId: 'alice', key: 'k', fingerprint }, async () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const retry = await service.idempotency.run({ userId: 'alice', key: 'k', fingerprint }, async () => ({
      status: 201,
      body: { ok: true },
    }))
    expect(retry.replayed).toBe(false)
  })

  it('an abandoned in-progress key is taken over after its lock, and the dedupe key returns the same order', async () => {
    const { service, adapters, clock } = aService()
    const fingerprint = await fingerprintRequest({ method: 'POST', route: '/orders', body })
    adapters.idempotency.failures.failNext('complete')
    await expect(createIdempotently(service, 'k', body)).rejects.toThrow('injected')
    expect((await failure(createIdempotently(service, 'k', body))).code).toBe('IDEMPOTENCY_KEY_IN_USE')
    clock.advance(60_000)
    const retry = await createIdempotently(service, 'k', body)
    expect(retry.replayed).toBe(false)
    expect(await adapters.orders.list({ limit: 10 })).toHaveLength(1)
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/)
  })

  it('rejects an over-long key', async () => {
    const { service } = aService()
    expect((await failure(createIdempotently(service, 'x'.repeat(256), body))).code).toBe('MALFORMED_REQUEST')
  })
})
