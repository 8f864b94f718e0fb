import { aProduct, aTombstone, uniqueId } from '@orders/contract-tests'
import { afterAll, describe, expect, it } from 'vitest'
import { redisProductCache } from '../src/index.js'
import { deleteByPrefix, sharedRedisOrSkip, TEST_TIMEOUT_MS, uniquePrefix } from './support/redis-env.js'

const client = await sharedRedisOrSkip('the entry and TTL tests')
const keyPrefix = uniquePrefix('entries')
const keyOf = (productId: string) => `${keyPrefix}product:v1:${productId}`
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe.skipIf(!client)('redis product cache: entries and TTL', () => {
  const cache = (ttlSeconds = 60) =>
    redisProductCache({ client: client!, keyPrefix, ttlSeconds, commandTimeoutMs: TEST_TIMEOUT_MS })

  afterAll(async () => {
    const deleted = await deleteByPrefix(client!, keyPrefix)
    expect(deleted).toBeGreaterThan(0)
    await client!.quit()
  })

  it('stores everything the core needs as JSON under <keyPrefix>product:v1:<productId>', async () => {
    const product = aProduct({ stock: 7 })
    await cache().set(product)
    expect(JSON.parse((await client!.get(keyOf(product.productId)))!)).toEqual({
      productId: product.productId,
      version: 1,
      deleted: false,
      name: product.name,
      price: product.price,
      available: true,
      stock: 7,
    })
  })

  it('gives live entries and tombstones the configured TTL, restarted only by an applied set', async () => {
    const deleted = aTombstone()
    await cache(60).set(deleted)
    expect(await client!.pttl(keyOf(deleted.productId))).toBeGreaterThan(58_000)
    await cache(3600).set(deleted)
    expect(await client!.pttl(keyOf(deleted.productId))).toBeLessThanOrEqual(60_000)
    await cache(3600).set({ ...deleted, version: 2 })
    expect(await client!.pttl(keyOf(deleted.productId))).toBeGreaterThan(3_590_000)
  })

  it('expires a tombstone like any entry: the core then asks the replica again', async () => {
    const deleted = aTombstone()
    await cache(0.5).set(deleted)
    expect(await cache().get(deleted.productId)).toEqual(deleted)
    await sleep(700)
    expect(await cache().get(deleted.productId)).toBeNull()
  })

  it('treats an unreadable entry as a miss, and the next set replaces it', async () => {
    const product = aProduct({ version: 3 })
    await client!.set(keyOf(product.productId), 'not json', 'EX', 60)
    expect(await cache().get(product.productId)).toBeNull()
    expect(await cache().getMany([product.productId])).toEqual([])
    expect(await cache().set({ ...product, version: 1 })).toBe(true)
    expect(await cache().get(product.productId)).toEqual({ ...product, version: 1 })
  })

  it('never answers an entry stored under another product id', async () => {
    const id = uniqueId('product')
    await client!.set(keyOf(id), JSON.stringify(aTombstone()), 'EX', 60)
    expect(await cache().get(id)).toBeNull()
  })

  it('keeps caches with different key prefixes apart', async () => {
    const product = aProduct()
    await cache().set(product)
    const other = redisProductCache({ client: client!, keyPrefix: `${keyPrefix}other:` })
    expect(await other.get(product.productId)).toBeNull()
  })

  it('answers a batch with repeated ids once per id', async () => {
    const product = aProduct()
    await cache().set(product)
    expect(await cache().getMany([product.productId, product.productId])).toEqual([product])
  })

  it('rejects a TTL or timeout that is not positive', () => {
    expect(() => redisProductCache({ client: client!, ttlSeconds: 0 })).toThrow(/ttlSeconds/)
    expect(() => redisProductCache({ client: client!, commandTimeoutMs: -1 })).toThrow(/commandTimeoutMs/)
  })
})
