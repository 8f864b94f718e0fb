import { aProductData, uniqueId } from '@orders/contract-tests'
import { createOrderService, isOrderServiceError, type Telemetry } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisClient, redisProductCache } from '../src/index.js'
import { ready, uniquePrefix } from './support/redis-env.js'
import {
  canRunRedisServers,
  freePort,
  type PrivateRedis,
  startRedisServer,
} from './support/redis-processes.js'

const TIMEOUT_MS = 300
/** Scheduling slack on a shared, loaded machine. */
const SLACK_MS = 700
const keyPrefix = uniquePrefix('failure')
const hasRedisServer = await canRunRedisServers('the failure tests')

async function failureOf(
  call: Promise<unknown>,
): Promise<{ code: string; message: string; elapsedMs: number }> {
  const started = Date.now()
  try {
    await call
  } catch (error) {
    if (!isOrderServiceError(error)) throw error
    return { code: error.code, message: error.message, elapsedMs: Date.now() - started }
  }
  throw new Error('expected the call to fail')
}

function countingTelemetry(): Telemetry & { counts: Map<string, number> } {
  const counts = new Map<string, number>()
  return { counts, count: (name, by = 1) => counts.set(name, (counts.get(name) ?? 0) + by), warn: () => {} }
}

describe.skipIf(!hasRedisServer)(
  'redis product cache when its own private redis-server hangs, dies and comes back',
  () => {
    let server: PrivateRedis
    let client: ReturnType<typeof createRedisClient>
    const product = aProductData({ productId: uniqueId('product'), version: 3 })
    const telemetry = countingTelemetry()
    const adapters = inMemoryAdapters({ catalog: [product] })
    let cache: ReturnType<typeof redisProductCache>
    let service: ReturnType<typeof createOrderService>

    beforeAll(async () => {
      server = await startRedisServer(await freePort())
      client = createRedisClient(server.url, { commandTimeoutMs: TIMEOUT_MS, maxReconnectDelayMs: 100 })
      await ready(client)
      cache = redisProductCache({ client, keyPrefix, commandTimeoutMs: TIMEOUT_MS })
      service = createOrderService({ ...adapters, productCache: cache, telemetry })
    })

    afterAll(async () => {
      if (server.process.signalCode === null) server.process.kill('SIGCONT')
      client?.disconnect()
      await server?.kill()
    })

    it('caches what a lookup found while Redis is up', async () => {
      expect((await service.products.get(product.productId)).version).toBe(3)
      expect(await cache.get(product.productId)).toMatchObject({ version: 3, deleted: false })
      expect(adapters.productSource.calls).toEqual([[product.productId]])
    })

    it('answers DEPENDENCY_UNAVAILABLE within the timeout while Redis hangs, and lookups use the replica', async () => {
      server.process.kill('SIGSTOP')
      try {
        for (const call of [
          cache.get(product.productId),
          cache.getMany([product.productId]),
          cache.set({ ...product, deleted: false, version: 4 }),
        ]) {
          const failure = await failureOf(call)
          expect(failure.code).toBe('DEPENDENCY_UNAVAILABLE')
          expect(failure.message).toMatch(/^\[orders\] \[redis\]/)
          expect(failure.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS)
        }
        const started = Date.now()
        expect((await service.products.get(product.productId)).version).toBe(3)
        expect(Date.now() - started).toBeLessThan(2 * TIMEOUT_MS + SLACK_MS)
        expect(telemetry.counts.get('product_cache_error')).toBeGreaterThan(0)
      } finally {
        server.process.kill('SIGCONT')
      }
    })

    it('answers DEPENDENCY_UNAVAILABLE at once when Redis is down, and checkout still prices from the replica', async () => {
      await server.kill()
      const failure = await failureOf(cache.getMany([product.productId]))
      expect(failure.code).toBe('DEPENDENCY_UNAVAILABLE')
      expect(failure.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS)

      const errorsBefore = telemetry.counts.get('product_cache_error') ?? 0
      const actor = { userId: uniqueId('user'), role: 'customer' as const }
      await service.carts.addItem({ actor, userId: actor.userId, productId: product.productId, quantity: 2 })
      const { order } = await service.checkout.execute({ actor, userId: actor.userId })
      expect(order.total).toEqual({ amount: 2 * product.price.amount, currency: 'EUR' })
      expect(telemetry.counts.get('product_cache_error')).toBeGreaterThan(errorsBefore)
      expect(adapters.productSource.calls).toHaveLength(1)
    })

    it('works again once Redis is back on the same port, without a new client', async () => {
      server = await startRedisServer(server.port)
      await ready(client)
      expect(await cache.get(product.productId)).toBeNull()
      await service.products.get(product.productId)
      expect(await cache.get(product.productId)).toMatchObject({ version: 3 })
    })
  },
)

describe.skipIf(!hasRedisServer)(
  'redis product cache deadline with a client that has no timeout of its own',
  () => {
    let server: PrivateRedis
    let plain: Redis

    beforeAll(async () => {
      server = await startRedisServer(await freePort())
      plain = new Redis(server.url)
      await ready(plain)
    })

    afterAll(async () => {
      plain?.disconnect()
      await server?.kill()
    })

    it('still answers DEPENDENCY_UNAVAILABLE after commandTimeoutMs when the server stops replying', async () => {
      const cache = redisProductCache({ client: plain, keyPrefix, commandTimeoutMs: TIMEOUT_MS })
      server.process.kill('SIGSTOP')
      try {
        const failure = await failureOf(cache.get(uniqueId('product')))
        expect(failure.code).toBe('DEPENDENCY_UNAVAILABLE')
        expect(failure.message).toContain(`no reply within ${TIMEOUT_MS} ms`)
        expect(failure.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS)
      } finally {
        server.process.kill('SIGCONT')
      }
    })
  },
)
