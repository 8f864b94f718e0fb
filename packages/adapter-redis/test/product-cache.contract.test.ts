import { describeProductCacheContract } from '@orders/contract-tests'
import { afterAll, describe } from 'vitest'
import { redisProductCache } from '../src/index.js'
import { deleteByPrefix, sharedRedisOrSkip, TEST_TIMEOUT_MS, uniquePrefix } from './support/redis-env.js'

const client = await sharedRedisOrSkip('the product-cache contract')
const keyPrefix = uniquePrefix('contract')
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe.skipIf(!client)('redis (single node)', () => {
  afterAll(async () => {
    await deleteByPrefix(client!, keyPrefix)
    await client!.quit()
  })

  describeProductCacheContract({
    name: 'redis',
    ttlSeconds: 1,
    create: () =>
      redisProductCache({ client: client!, keyPrefix, ttlSeconds: 1, commandTimeoutMs: TEST_TIMEOUT_MS }),
    expire: sleep,
  })
})
