import { aProduct, aTombstone, uniqueId } from '@orders/contract-tests'
import { afterAll, describe, expect, it } from 'vitest'
import { redisProductCache } from '../src/index.js'
import { deleteByPrefix, sharedRedisOrSkip, TEST_TIMEOUT_MS, uniquePrefix } from './support/redis-env.js'

const client = await sharedRedisOrSkip('the unreadable entry tests')
const keyPrefix = uniquePrefix('unreadable')
const keyOf = (productId: string) => `${keyPrefix}product:v1:${productId}`

describe.skipIf(!client)(
  'redis product cache: unreadable entries are misses that the next set replaces',
  () => {
    const cache = () => redisProductCache({ client: client!, keyPrefix, commandTimeoutMs: TEST_TIMEOUT_MS })

    afterAll(async () => {
      await deleteByPrefix(client!, keyPrefix)
      await client!.quit()
    })

    it('replaces a key of another type (regression: the script failed with WRONGTYPE, so every change of the product failed)', async () => {
      const product = aProduct({ version: 2 })
      await client!.hset(keyOf(product.productId), 'version', '9')
      expect(await cache().getMany([product.productId])).toEqual([])
      expect(await cache().get(product.productId)).toBeNull()
      expect(await cache().set(product)).toBe(true)
      expect(await cache().get(product.productId)).toEqual(product)
    })

    it.each([
      ['without the fields of a product', (id: string) => ({ productId: id, version: 99 })],
      ['stored under another product id', () => ({ ...aTombstone({ version: 99 }) })],
      [
        'with a version that is not an integer',
        (id: string) => ({ ...aProduct({ productId: id }), version: 9.5 }),
      ],
      [
        'with a price that is not an integer',
        (id: string) => ({
          ...aProduct({ productId: id, version: 99 }),
          price: { amount: 1.5, currency: 'EUR' },
        }),
      ],
    ])(
      'replaces an entry %s whose version is newer (regression: the script trusted that version, so the key stayed a miss for good)',
      async (_, entry) => {
        const product = aProduct({ productId: uniqueId('product'), version: 2 })
        await client!.set(keyOf(product.productId), JSON.stringify(entry(product.productId)))
        expect(await cache().get(product.productId)).toBeNull()
        expect(await cache().set(product)).toBe(true)
        expect(await cache().get(product.productId)).toEqual(product)
        expect(await client!.pttl(keyOf(product.productId))).toBeGreaterThan(0)
      },
    )

    it('still keeps a readable newer entry, live or tombstone, against an older set', async () => {
      const live = aProduct({ version: 5 })
      const deleted = aTombstone({ version: 5 })
      await cache().set(live)
      await cache().set(deleted)
      expect(await cache().set({ ...live, version: 4 })).toBe(false)
      expect(await cache().set(aProduct({ productId: deleted.productId, version: 4 }))).toBe(false)
      expect(await cache().getMany([live.productId, deleted.productId])).toEqual([live, deleted])
    })
  },
)
