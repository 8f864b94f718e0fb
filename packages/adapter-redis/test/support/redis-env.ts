import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { Cluster, Redis } from 'ioredis'
import { isClusterClient } from '../../src/batch-read.js'
import { createRedisClient } from '../../src/index.js'

/** The shared Redis of the test machine (never stopped or flushed: tests use their own key prefix). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A generous deadline for tests on a loaded machine; the failure tests use tight ones on purpose. */
export const TEST_TIMEOUT_MS = 3000

/** A key prefix no other test file or run shares. */
export function uniquePrefix(file: string): string {
  return `orders-test:${file}:${randomBytes(4).toString('hex')}:`
}

/** Waits until `client` is ready, or fails after `timeoutMs`. */
export async function ready(client: Redis | Cluster, timeoutMs = 5000): Promise<void> {
  if (client.status === 'ready') return
  const signal = AbortSignal.timeout(timeoutMs)
  await once(client, 'ready', { signal })
}

/**
 * A ready client of the shared Redis, or null when it is not reachable (the caller skips, with a message).
 * With CI=true a missing Redis is an error: CI never skips.
 */
export async function sharedRedisOrSkip(what: string): Promise<Redis | Cluster | null> {
  const client = createRedisClient(REDIS_URL, { commandTimeoutMs: TEST_TIMEOUT_MS })
  try {
    await ready(client, 3000)
    return client
  } catch (error) {
    client.disconnect()
    const message = `[orders] [redis] no Redis at ${REDIS_URL} for ${what}`
    if (process.env.CI === 'true')
      throw new Error(`${message} (CI=true: failing instead of skipping)`, { cause: error })
    console.warn(`${message}: skipping`)
    return null
  }
}

/** Deletes every key starting with `prefix` with SCAN (never KEYS), on every master of a cluster. */
export async function deleteByPrefix(client: Redis | Cluster, prefix: string): Promise<number> {
  const nodes = isClusterClient(client) ? client.nodes('master') : [client]
  let deleted = 0
  for (const node of nodes) {
    let cursor = '0'
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      cursor = next
      // One UNLINK per key: on a cluster node the keys of one batch may live in different slots.
      for (const key of keys) deleted += await node.unlink(key)
    } while (cursor !== '0')
  }
  return deleted
}
