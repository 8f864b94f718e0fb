import { randomBytes } from 'node:crypto'
import { connect as amqpConnect } from 'amqplib'
import { Redis } from 'ioredis'

export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * Whether RabbitMQ and Redis answer. Without them the e2e suites skip with a message, except under
 * CI=true where a missing service is a failure.
 */
export async function servicesAvailable(): Promise<boolean> {
  const problems: string[] = []
  try {
    const model = await amqpConnect(AMQP_URL, { timeout: 2000 })
    await model.close()
  } catch (error) {
    problems.push(`RabbitMQ at ${AMQP_URL}: ${(error as Error).message}`)
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 })
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    problems.push(`Redis at ${REDIS_URL}: ${(error as Error).message}`)
  } finally {
    redis.disconnect()
  }
  if (problems.length === 0) return true
  if (process.env.CI === 'true')
    throw new Error(`[server e2e] services required in CI: ${problems.join('; ')}`)
  console.warn(`[server e2e] skipping: ${problems.join('; ')}`)
  return false
}

/** Exchange, queue and key names unique to one test run. */
export function uniqueNames(label: string) {
  const prefix = `e2e.${label}.${randomBytes(4).toString('hex')}`
  return {
    prefix,
    productExchange: `${prefix}.product.events`,
    productQueue: `${prefix}.product-events`,
    orderExchange: `${prefix}.order.events`,
    rpcQueue: `${prefix}.product.rpc`,
    redisPrefix: `${prefix}:`,
  }
}

export type Names = ReturnType<typeof uniqueNames>

/** The server's environment for these names (JWT auth, no demo catalog). */
export function serverEnv(
  names: Names,
  secret: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    AMQP_URL,
    REDIS_URL,
    REDIS_KEY_PREFIX: names.redisPrefix,
    AMQP_PRODUCT_EXCHANGE: names.productExchange,
    AMQP_PRODUCT_QUEUE: names.productQueue,
    AMQP_ORDER_EXCHANGE: names.orderExchange,
    AMQP_RPC_QUEUE: names.rpcQueue,
    AUTH_JWT_SECRET: secret,
    DEMO_CATALOG: 'false',
    OUTBOX_RELAY_INTERVAL_MS: '50',
    ...extra,
  }
}

/** Deletes every Redis key under the prefix. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL)
  try {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    return keys.length
  } finally {
    redis.disconnect()
  }
}
