import type { ProductCache, ProductState } from '@orders/core'
import type { Cluster, Redis } from 'ioredis'
import { isWrongType, readMany } from './batch-read.js'
import { decodeProductEntry, encodeProductEntry } from './product-entry-codec.js'
import { redisCall } from './redis-call.js'
import { setIfNewer } from './set-if-newer-script.js'

export interface RedisProductCacheOptions {
  /** A connected ioredis client: a single `Redis` or a `Cluster` (see `createRedisClient`). */
  client: Redis | Cluster
  /**
   * Prepended to every key; entries live at `<keyPrefix>product:v1:<productId>`.
   * @default 'orders:'
   */
  keyPrefix?: string
  /** How long an entry (live or tombstone) lives after the set that wrote it. @default 300 */
  ttlSeconds?: number
  /**
   * Deadline of one cache call (a whole batch counts as one call); past it the call fails with
   * DEPENDENCY_UNAVAILABLE and the core reads the replica instead.
   * @default 250
   */
  commandTimeoutMs?: number
}

/** The `v1` is the entry format: a new format gets new keys instead of misreading old entries. */
const ENTRY_NAMESPACE = 'product:v1:'

/**
 * The product cache on Redis (DESIGN §7): versioned JSON entries with a TTL, version-guarded sets through a
 * one-key Lua script, tombstones cached like live products, and batch reads in one round trip per node.
 * Every failure (error, lost connection, timeout) throws the core's DEPENDENCY_UNAVAILABLE.
 * @example
 * const client = createRedisClient(process.env.REDIS_URL!)
 * const productCache = redisProductCache({ client, keyPrefix: 'orders:', ttlSeconds: 300 })
 * const service = createOrderService({ ...adapters, productCache })
 */
export function redisProductCache(options: RedisProductCacheOptions): ProductCache {
  const { client } = options
  const prefix = `${options.keyPrefix ?? 'orders:'}${ENTRY_NAMESPACE}`
  const ttlMs = Math.round((options.ttlSeconds ?? 300) * 1000)
  const timeoutMs = options.commandTimeoutMs ?? 250
  if (!(ttlMs >= 1))
    throw new RangeError(`[orders] [redis] ttlSeconds must be positive, got ${options.ttlSeconds}`)
  if (!(timeoutMs > 0))
    throw new RangeError(`[orders] [redis] commandTimeoutMs must be positive, got ${timeoutMs}`)
  const keyOf = (productId: string) => `${prefix}${productId}`

  return {
    get(productId) {
      return redisCall('get', timeoutMs, async () => {
        const raw = await client.get(keyOf(productId)).catch((error: unknown) => {
          if (isWrongType(error)) return null
          throw error
        })
        return decodeProductEntry(productId, raw)
      })
    },

    getMany(productIds) {
      const ids = [...new Set(productIds)]
      return redisCall('getMany', timeoutMs, async () => {
        const values = await readMany(client, ids.map(keyOf))
        return ids.flatMap((id, i): ProductState[] => {
          const state = decodeProductEntry(id, values[i])
          return state ? [state] : []
        })
      })
    },

    set(state) {
      return redisCall('set', timeoutMs, () =>
        setIfNewer(client, {
          key: keyOf(state.productId),
          productId: state.productId,
          version: state.version,
          encoded: encodeProductEntry(state),
          ttlMs,
        }),
      )
    },
  }
}
