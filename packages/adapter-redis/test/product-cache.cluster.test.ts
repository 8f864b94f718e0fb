import { aProduct, aTombstone, describeProductCacheContract, shuffled } from '@orders/contract-tests'
import type { Cluster } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clusterSlot } from '../src/cluster-slot.js'
import { createRedisClient, redisProductCache } from '../src/index.js'
import { startCluster, type TestCluster } from './support/redis-cluster.js'
import { deleteByPrefix, ready, TEST_TIMEOUT_MS, uniquePrefix } from './support/redis-env.js'
import { canRunRedisServers } from './support/redis-processes.js'

const hasRedisServer = await canRunRedisServers('the cluster tests')
const keyPrefix = uniquePrefix('cluster')
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe.skipIf(!hasRedisServer)('redis (three-node cluster started by this test)', () => {
  let cluster: TestCluster
  let client: Cluster

  beforeAll(async () => {
    cluster = await startCluster()
    client = createRedisClient(cluster.url, { cluster: true, commandTimeoutMs: TEST_TIMEOUT_MS })
    await ready(client, 10_000)
  })

  afterAll(async () => {
    if (client) {
      await deleteByPrefix(client, keyPrefix)
      await client.quit()
    }
    await cluster?.stop()
  })

  describeProductCacheContract({
    name: 'redis cluster',
    ttlSeconds: 1,
    create: () => redisProductCache({ client, keyPrefix, ttlSeconds: 1, commandTimeoutMs: TEST_TIMEOUT_MS }),
    expire: sleep,
  })

  it('computes the same hash slots as the server, hash tags included', async () => {
    const keys = [
      '',
      'a',
      'orders:product:v1:p-1',
      '{user1000}.following',
      'foo{}{bar}',
      'foo{{bar}}zap',
      'é',
    ]
    for (const key of keys) expect(clusterSlot(key)).toBe(await client.cluster('KEYSLOT', key))
  })

  it('reads a batch whose keys live on every node, in one call', async () => {
    const cache = redisProductCache({ client, keyPrefix, commandTimeoutMs: TEST_TIMEOUT_MS })
    const states = [...Array.from({ length: 30 }, () => aProduct()), aTombstone()]
    for (const state of states) await cache.set(state)
    const owners = new Set(
      states.map((s) => client.slots[clusterSlot(`${keyPrefix}product:v1:${s.productId}`)]?.[0]),
    )
    expect(owners.size).toBe(3)
    const found = await cache.getMany(states.map((s) => s.productId))
    expect(new Map(found.map((s) => [s.productId, s]))).toEqual(new Map(states.map((s) => [s.productId, s])))
  })

  it('answers the rest of a batch when one key holds another type, as MGET does (regression: WRONGTYPE failed the whole batch)', async () => {
    const cache = redisProductCache({ client, keyPrefix, commandTimeoutMs: TEST_TIMEOUT_MS })
    const states = Array.from({ length: 12 }, () => aProduct())
    for (const state of states) await cache.set(state)
    const odd = aProduct()
    await client.hset(`${keyPrefix}product:v1:${odd.productId}`, 'version', '1')
    const found = await cache.getMany([...states.map((s) => s.productId), odd.productId])
    expect(new Map(found.map((s) => [s.productId, s]))).toEqual(new Map(states.map((s) => [s.productId, s])))
  })

  it('keeps the newest of 200 concurrent sets per product, for products on every node', async () => {
    const cache = redisProductCache({ client, keyPrefix, commandTimeoutMs: TEST_TIMEOUT_MS })
    const ids = Array.from({ length: 6 }, () => aProduct().productId)
    const versionOf = (productId: string, version: number) => aProduct({ productId, version })
    const writes = ids.flatMap((id) => shuffled(Array.from({ length: 200 }, (_, i) => versionOf(id, i + 1))))
    await Promise.all(shuffled(writes).map((state) => cache.set(state)))
    const found = await cache.getMany(ids)
    expect(new Map(found.map((s) => [s.productId, s.version]))).toEqual(new Map(ids.map((id) => [id, 200])))
  })
})
