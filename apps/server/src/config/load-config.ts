import { hostname } from 'node:os'
import { ConfigError } from './config-error.js'
import { type Env, envSchema } from './env-schema.js'
import type { AvailableAdapters, ServerConfig } from './server-config.js'

type RawEnv = Record<string, string | undefined>

/**
 * Validates the environment and derives the server configuration. Throws a ConfigError listing
 * every problem (variable name and what is wrong), so one start shows them all.
 * @example
 * const config = loadConfig({ ...readDotenv('.env'), ...process.env }, AVAILABLE_ADAPTERS)
 */
export function loadConfig(raw: RawEnv, available: AvailableAdapters): ServerConfig {
  const parsed = envSchema.safeParse(raw)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment')
        const value = raw[name]
        return `${name}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(mask(name, value))})`}`
      }),
    )
  }
  const env = parsed.data
  const config = deriveConfig(env)
  const issues = [...unavailableAdapters(env, available), ...crossFieldIssues(env, config)]
  if (issues.length > 0) throw new ConfigError(issues)
  return config
}

function deriveConfig(env: Env): ServerConfig {
  const embedded = !env.MONGODB_URI && !env.REDIS_URL && !env.AMQP_URL
  const hasJwt = Boolean(env.AUTH_JWT_SECRET || env.AUTH_JWKS_URL)
  return {
    nodeEnv: env.NODE_ENV,
    role: env.ROLE,
    embedded,
    instanceId: env.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    logLevel: env.LOG_LEVEL,
    http: {
      host: env.HOST,
      port: env.PORT,
      framework: env.HTTP_FRAMEWORK,
      maxBodyBytes: env.MAX_BODY_BYTES,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    auth: {
      ...(env.AUTH_JWT_SECRET ? { jwtSecret: env.AUTH_JWT_SECRET } : {}),
      ...(env.AUTH_JWKS_URL ? { jwksUrl: env.AUTH_JWKS_URL } : {}),
      ...(env.AUTH_ISSUER ? { issuer: env.AUTH_ISSUER } : {}),
      ...(env.AUTH_AUDIENCE ? { audience: env.AUTH_AUDIENCE } : {}),
      // On by default only in the embedded default (nothing configured, not production).
      devHeaders: env.AUTH_DEV_HEADERS ?? (embedded && !hasJwt && env.NODE_ENV !== 'production'),
    },
    ...(env.MONGODB_URI
      ? { mongo: { uri: env.MONGODB_URI, serverSelectionTimeoutMs: env.MONGODB_SERVER_SELECTION_TIMEOUT_MS } }
      : {}),
    ...(env.REDIS_URL
      ? {
          redis: {
            url: env.REDIS_URL,
            cluster: env.REDIS_CLUSTER,
            keyPrefix: env.REDIS_KEY_PREFIX ?? 'orders:',
            ttlSeconds: env.PRODUCT_CACHE_TTL_SECONDS,
          },
        }
      : {}),
    ...(env.AMQP_URL
      ? {
          amqp: {
            url: env.AMQP_URL,
            productExchange: env.AMQP_PRODUCT_EXCHANGE ?? 'product.events',
            productQueue: env.AMQP_PRODUCT_QUEUE ?? 'order-service.product-events',
            orderExchange: env.AMQP_ORDER_EXCHANGE ?? 'order.events',
            rpcQueue: env.AMQP_RPC_QUEUE ?? 'product.rpc',
            rpcTimeoutMs: env.AMQP_RPC_TIMEOUT_MS,
            prefetch: env.AMQP_PREFETCH,
            connectWaitMs: env.AMQP_CONNECT_WAIT_MS,
          },
        }
      : {}),
    demoCatalog: env.DEMO_CATALOG ?? !env.MONGODB_URI,
    allowInMemoryInProduction: env.ALLOW_IN_MEMORY_IN_PRODUCTION,
    checkoutLeaseMs: env.CHECKOUT_LEASE_MS,
    maxPendingEvents: env.ORDER_OUTBOX_MAX_PENDING_EVENTS,
    healthCheckTimeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    worker: {
      relayIntervalMs: env.OUTBOX_RELAY_INTERVAL_MS,
      relayBatch: env.OUTBOX_RELAY_BATCH,
      outboxLeaseMs: env.OUTBOX_LEASE_MS,
      sweepIntervalMs: env.CHECKOUT_SWEEP_INTERVAL_MS,
      purgeIntervalMs: env.PURGE_INTERVAL_MS,
    },
  }
}

function unavailableAdapters(env: Env, available: AvailableAdapters): string[] {
  const issues: string[] = []
  if (env.MONGODB_URI && !available.mongo)
    issues.push('MONGODB_URI: the MongoDB adapter is not available in this build; unset it to use memory')
  if (env.REDIS_URL && !available.redis)
    issues.push('REDIS_URL: the Redis adapter is not available in this build; unset it')
  if (env.AMQP_URL && !available.amqp)
    issues.push('AMQP_URL: the RabbitMQ adapter is not available in this build; unset it')
  return issues
}

function crossFieldIssues(env: Env, config: ServerConfig): string[] {
  const issues: string[] = []
  const hasJwt = Boolean(config.auth.jwtSecret || config.auth.jwksUrl)
  if (env.NODE_ENV === 'production') {
    if (!hasJwt)
      issues.push('AUTH_JWT_SECRET or AUTH_JWKS_URL: required when NODE_ENV=production (no authentication)')
    if (config.auth.devHeaders)
      issues.push('AUTH_DEV_HEADERS: must not be true when NODE_ENV=production (it trusts X-User-Id headers)')
    if (!config.mongo && !config.allowInMemoryInProduction)
      issues.push(
        'MONGODB_URI: required when NODE_ENV=production (in-memory storage loses every order on restart); ' +
          'set ALLOW_IN_MEMORY_IN_PRODUCTION=true to run in memory anyway',
      )
  } else if (!hasJwt && !config.auth.devHeaders) {
    issues.push(
      'AUTH_JWT_SECRET or AUTH_JWKS_URL: no authentication configured; set one (or AUTH_DEV_HEADERS=true in development)',
    )
  }
  if (config.redis && !config.redis.cluster && config.redis.url.includes(','))
    issues.push('REDIS_URL: several comma-separated nodes need REDIS_CLUSTER=true')
  if (!config.mongo && config.role !== 'all')
    issues.push(
      `ROLE: must be all with in-memory storage (got ${JSON.stringify(config.role)}); ` +
        'set MONGODB_URI so API and worker processes share their data',
    )
  return issues
}

/** Secrets never appear in messages. */
function mask(name: string, value: string): string {
  if (name === 'AUTH_JWT_SECRET') return '<hidden>'
  if (name.endsWith('_URL') || name.endsWith('_URI')) return value.replace(/\/\/[^@/]*@/, '//<credentials>@')
  return value
}
