import { createRedisClient, redisProductCache } from '@orders/adapter-redis'
import { ContainerModule } from 'inversify'
import type { Cluster, Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config/server-config.js'
import { closedOnPurpose, closeOnPurpose } from './deliberate-close.js'
import { type Registry, resolver, TOKENS } from './tokens.js'

/** How long the start waits for Redis to be ready; the cache works (as misses) without it. */
const WARM_UP_MS = 2000

/**
 * The product cache on Redis (REDIS_URL). Redis down makes lookups slower, never wrong: the core
 * skips cache errors and reads the replica. The client is closed on deactivation.
 */
export function redisModule(redis: NonNullable<ServerConfig['redis']>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Registry['redisClient']>(TOKENS.redisClient)
      .toDynamicValue(async (context) => {
        const logger = (await resolver(context).get('logger')).child({ component: 'redis' })
        const client = createRedisClient(redis.url, {
          cluster: redis.cluster,
          onError: (error) => logger.debug({ err: error }, 'redis connection error'),
        })
        watchConnection(client, logger)
        await readyOrTimeout(client, WARM_UP_MS)
        return client
      })
      .inSingletonScope()
      .onDeactivation((client) => closeOnPurpose(client, (c) => c.quit().catch(() => c.disconnect())))
    bind(TOKENS.productCache)
      .toDynamicValue(async (context) =>
        redisProductCache({
          client: await resolver(context).get('redisClient'),
          keyPrefix: redis.keyPrefix,
          ttlSeconds: redis.ttlSeconds,
        }),
      )
      .inSingletonScope()
    bind(TOKENS.healthCheck)
      .toDynamicValue(async (context) => {
        const client = await resolver(context).get('redisClient')
        return {
          name: 'redis',
          critical: false, // down: product lookups skip the cache (slower, still correct; DESIGN §7)
          check: async () => {
            await client.ping()
          },
        }
      })
      .inSingletonScope()
  })
}

/** One log line per state change, not one per failed reconnection attempt. */
function watchConnection(client: Redis | Cluster, logger: Logger): void {
  let up = false
  client.on('ready', () => {
    up = true
    logger.info('redis connected')
  })
  client.on('close', () => {
    if (up && closedOnPurpose(client)) logger.info('redis connection closed')
    else if (up) logger.warn('redis connection lost: product lookups skip the cache until it is back')
    up = false
  })
}

/** Waits for the first `ready`, at most `ms`; connection errors meanwhile are not failures here. */
function readyOrTimeout(client: Redis | Cluster, ms: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      client.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    client.once('ready', done)
  })
}
