import { aProduct, aTombstone, shuffled, uniqueId } from '@orders/contract-tests'
import type { ProductState } from '@orders/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createRedisClient, redisProductCache } from '../src/index.js'
import {
  deleteByPrefix,
  REDIS_URL,
  ready,
  sharedRedisOrSkip,
  TEST_TIMEOUT_MS,
  uniquePrefix,
} from './support/redis-env.js'

const client = await sharedRedisOrSkip('the version race tests')
const keyPrefix = uniquePrefix('races')

const versionOf = (productId: string, version: number): ProductState =>
  aProduct({ productId, version, price: { amount: 100 * version, currency: 'EUR' } })

const shuffledVersions = (count: number) => shuffled(Array.from({ length: count }, (_, i) => i + 1))

describe.skipIf(!client)('redis product cache: racing writers', () => {
  const cache = () => redisProductCache({ client: client!, keyPrefix, commandTimeoutMs: TEST_TIMEOUT_MS })

  afterAll(async () => {
    await deleteByPrefix(client!, keyPrefix)
    await client!.quit()
  })

  it('keeps the newest of 200 concurrent sets with shuffled versions, and applies it exactly once', async () => {
    const id = uniqueId('product')
    const versions = shuffledVersions(200)
    const results = await Promise.all(versions.map((v) => cache().set(versionOf(id, v))))
    expect(await cache().get(id)).toEqual(versionOf(id, 200))
    expect(results[versions.indexOf(200)]).toBe(true)
    // Each applied set was newer than every set applied before it: the applied versions grow.
    const appliedInOrder = versions.filter((_, i) => results[i])
    expect(appliedInOrder).toEqual([...appliedInOrder].sort((a, b) => a - b))
  })

  it('keeps the newest when writers on separate connections race over many products', async () => {
    const writers = [client!, createRedisClient(REDIS_URL), createRedisClient(REDIS_URL)]
    await Promise.all(writers.map((writer) => ready(writer)))
    const ids = Array.from({ length: 20 }, () => uniqueId('product'))
    const writes = ids.flatMap((id) => shuffledVersions(30).map((v) => ({ id, v })))
    await Promise.all(
      writes.map(({ id, v }, i) =>
        redisProductCache({
          client: writers[i % writers.length]!,
          keyPrefix,
          commandTimeoutMs: TEST_TIMEOUT_MS,
        }).set(versionOf(id, v)),
      ),
    )
    await Promise.all(writers.slice(1).map((writer) => writer.quit()))
    const found = await cache().getMany(ids)
    expect(found.toSorted((a, b) => a.productId.localeCompare(b.productId))).toEqual(
      ids.toSorted().map((id) => versionOf(id, 30)),
    )
  })

  it('lets a cached tombstone block an older update arriving late, and a newer one replace it', async () => {
    const id = uniqueId('product')
    await cache().set(versionOf(id, 4))
    expect(await cache().set(aTombstone({ productId: id, version: 5 }))).toBe(true)
    expect(await cache().set(versionOf(id, 4))).toBe(false)
    expect(await cache().set(versionOf(id, 5))).toBe(false)
    expect(await cache().get(id)).toEqual(aTombstone({ productId: id, version: 5 }))
    expect(await cache().set(versionOf(id, 6))).toBe(true)
    expect(await cache().get(id)).toEqual(versionOf(id, 6))
  })

  it('keeps the tombstone when a late update races the delete', async () => {
    const id = uniqueId('product')
    const late = Array.from({ length: 50 }, (_, i) => versionOf(id, (i % 9) + 1))
    await Promise.all([...late, aTombstone({ productId: id, version: 10 })].map((s) => cache().set(s)))
    expect(await cache().get(id)).toEqual(aTombstone({ productId: id, version: 10 }))
  })
})
