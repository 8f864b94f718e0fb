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

  it('an abandoned key is not taken over by another body: 422, and the original request still gets its order', async () => {
    const { service, adapters, clock } = aService()
    adapters.idempotency.failures.failNext('complete')
    await expect(createIdempotently(service, 'k', body)).rejects.toThrow('injected')
    clock.advance(60_000)
    const otherBody = { ...body, lines: [{ productId: 'p-1', quantity: 9 }] }
    expect((await failure(createIdempotently(service, 'k', otherBody))).code).toBe('IDEMPOTENCY_KEY_REUSED')
    const retry = await createIdempotently(service, 'k', body)
    expect(retry.replayed).toBe(false)
    const orders = await adapters.orders.list({ limit: 10 })
    expect(orders.map((order) => order.lines.map((line) => line.quantity))).toEqual([[2]])
    expect((retry.response.body as { id: string }).id).toBe(orders[0]!.id)
  })

  describe('a request that outlives its lock', () => {
    /**
     * Runs under key 'k' a use case that waits until `finish` is called, then succeeds or fails;
     * resolves once it holds the key and its use case is running.
     */
    async function slowRun(service: ReturnType<typeof aService>['service'], fingerprint: string) {
      let finish: (outcome: 'ok' | 'fail') => void = () => {}
      let started: () => void = () => {}
      const running = new Promise<void>((resolve) => {
        started = resolve
      })
      const result = service.idempotency.run({ userId: 'alice', key: 'k', fingerprint }, async () => {
        const outcome = await new Promise<'ok' | 'fail'>((resolve) => {
          finish = resolve
          started()
        })
        if (outcome === 'fail') throw new Error('late failure')
        return { status: 201, body: { by: 'slow' } }
      })
      await Promise.race([running, result])
      return { result, finish: (outcome: 'ok' | 'fail') => finish(outcome) }
    }
    const quick = async () => ({ status: 201, body: { by: 'takeover' } })

    it('gets its own response, while a retry replays the response of the run that took over', async () => {
      const { service, clock } = aService()
      const fingerprint = await fingerprintRequest({ method: 'POST', route: '/orders', body })
      const slow = await slowRun(service, fingerprint)
      clock.advance(60_000)
      const takeover = await service.idempotency.run({ userId: 'alice', key: 'k', fingerprint }, quick)
      slow.finish('ok')

      expect((await slow.result).response.body).toEqual({ by: 'slow' })
      expect(takeover.response.body).toEqual({ by: 'takeover' })
      const retry = await service.idempotency.run({ userId: 'alice', key: 'k', fingerprint }, quick)
      expect(retry).toEqual({ response: takeover.response, replayed: true })
    })

    it('does not release the key of a run that took over and is still running', async () => {
      const { service, clock } = aService()
      const fingerprint = await fingerprintRequest({ method: 'POST', route: '/orders', body })
      const slow = await slowRun(service, fingerprint)
      clock.advance(60_000)
      const running = await slowRun(service, fingerprint)
      slow.finish('fail')
      await expect(slow.result).rejects.toThrow('late failure')

      const third = await failure(service.idempotency.run({ userId: 'alice', key: 'k', fingerprint }, quick))
      expect(third.code).toBe('IDEMPOTENCY_KEY_IN_USE')
      running.finish('ok')
      expect((await running.result).replayed).toBe(false)
    })
  })

  it('rejects an over-long key', async () => {
    const { service } = aService()
    expect((await failure(createIdempotently(service, 'x'.repeat(256), body))).code).toBe('MALFORMED_REQUEST')
  })
})
