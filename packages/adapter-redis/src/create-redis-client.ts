import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis'

export interface CreateRedisClientOptions {
  /**
   * Treat `url` as the seed nodes of a Redis Cluster. Several seeds are comma-separated:
   * `redis://10.0.0.1:7000,redis://10.0.0.2:7000`; credentials and TLS (`rediss:`) come from the first.
   * @default false
   */
  cluster?: boolean
  /** ioredis `commandTimeout`: a command without a reply after this long is rejected. @default 250 */
  commandTimeoutMs?: number
  /** How long a (re)connection attempt may take. @default 2000 */
  connectTimeoutMs?: number
  /** Longest pause between reconnection attempts (they back off from 50 ms and never stop). @default 2000 */
  maxReconnectDelayMs?: number
  /** Batches commands issued in the same tick into one write. @default true */
  autoPipelining?: boolean
  /** Shown by `CLIENT LIST`. @default 'order-service' */
  connectionName?: string
  /**
   * Called with connection errors (ioredis emits them as events). Calls made meanwhile fail on their own with
   * DEPENDENCY_UNAVAILABLE, which the core counts and logs, so the default ignores them.
   */
  onError?: (error: Error) => void
  /** Passed to ioredis last, overriding the choices above. */
  overrides?: RedisOptions & ClusterOptions
}

/**
 * An ioredis client tuned for a cache that must fail fast rather than wait: bounded command and connect
 * timeouts, no offline queue (calls while disconnected fail at once), no resending of commands after a
 * reconnect (`maxRetriesPerRequest: 0`, `autoResendUnfulfilledCommands: false`), endless reconnection with
 * capped backoff, and auto-pipelining. The client starts connecting at once; calls made before it is ready
 * fail (and the core reads the replica) — `await once(client, 'ready')` first to warm up.
 * @example
 * const client = createRedisClient('redis://127.0.0.1:6379')
 * const cluster = createRedisClient('redis://10.0.0.1:7000,redis://10.0.0.2:7000', { cluster: true })
 */
export function createRedisClient(url: string, options: CreateRedisClientOptions & { cluster: true }): Cluster
export function createRedisClient(
  url: string,
  options?: CreateRedisClientOptions & { cluster?: false },
): Redis
export function createRedisClient(url: string, options?: CreateRedisClientOptions): Redis | Cluster
export function createRedisClient(url: string, options: CreateRedisClientOptions = {}): Redis | Cluster {
  const maxDelay = options.maxReconnectDelayMs ?? 2000
  const backoff = (times: number) => Math.min(50 * 2 ** Math.min(times, 10), maxDelay)
  const nodeOptions: RedisOptions = {
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectionName: options.connectionName ?? 'order-service',
  }
  const client = options.cluster
    ? new Cluster(seedNodes(url), {
        enableOfflineQueue: false,
        enableAutoPipelining: options.autoPipelining ?? true,
        clusterRetryStrategy: backoff,
        redisOptions: { ...nodeOptions, ...credentials(url) },
        ...options.overrides,
      })
    : new Redis(url, {
        ...nodeOptions,
        enableOfflineQueue: false,
        enableAutoPipelining: options.autoPipelining ?? true,
        retryStrategy: backoff,
        ...options.overrides,
      })
  client.on('error', options.onError ?? (() => {}))
  return client
}

function parseUrls(url: string): URL[] {
  return url.split(',').map((part) => {
    try {
      return new URL(part.trim())
    } catch (error) {
      throw new TypeError(`[orders] [redis] invalid Redis URL: ${part.trim()}`, { cause: error })
    }
  })
}

function seedNodes(url: string): { host: string; port: number }[] {
  return parseUrls(url).map((node) => ({ host: node.hostname, port: Number(node.port || 6379) }))
}

function credentials(url: string): RedisOptions {
  const [first] = parseUrls(url)
  const found: RedisOptions = {}
  if (first?.username) found.username = decodeURIComponent(first.username)
  if (first?.password) found.password = decodeURIComponent(first.password)
  if (first?.protocol === 'rediss:') found.tls = {}
  return found
}
