import { z } from 'zod'
import { booleanField, enumField, hostField, intField, stringField, urlField } from './env-fields.js'

const NAME = /^[A-Za-z0-9_.:-]{1,200}$/
const NAME_RULE = '1-200 characters of letters, digits, _ . : -'
const name = (fallback: string) => stringField({ default: fallback, pattern: NAME, description: NAME_RULE })

/**
 * Every environment variable the server reads, with its default. `.env.example` lists the same
 * names; a unit test keeps the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: enumField(['development', 'production', 'test'], 'development'),
  PORT: intField({ min: 0, max: 65_535, default: 3000 }),
  HOST: hostField('127.0.0.1'),
  ROLE: enumField(['all', 'api', 'worker'], 'all'),
  HTTP_FRAMEWORK: enumField(['express', 'hono'], 'express'),
  LOG_LEVEL: enumField(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  INSTANCE_ID: stringField({ pattern: NAME, description: NAME_RULE }),

  MONGODB_URI: urlField(['mongodb:', 'mongodb+srv:'], { several: 'hosts' }),
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: intField({ min: 100, max: 120_000, default: 5000 }),
  REDIS_URL: urlField(['redis:', 'rediss:'], { several: 'urls' }),
  REDIS_CLUSTER: booleanField(false),
  REDIS_KEY_PREFIX: stringField({ default: 'orders:' }),
  PRODUCT_CACHE_TTL_SECONDS: intField({ min: 1, max: 86_400, default: 300 }),
  AMQP_URL: urlField(['amqp:', 'amqps:']),
  AMQP_PRODUCT_EXCHANGE: name('product.events'),
  AMQP_PRODUCT_QUEUE: name('order-service.product-events'),
  AMQP_ORDER_EXCHANGE: name('order.events'),
  AMQP_RPC_QUEUE: name('product.rpc'),
  AMQP_RPC_TIMEOUT_MS: intField({ min: 50, max: 60_000, default: 2000 }),
  AMQP_PREFETCH: intField({ min: 1, max: 1000, default: 50 }),
  AMQP_CONNECT_WAIT_MS: intField({ min: 0, max: 120_000, default: 5000 }),

  AUTH_JWT_SECRET: stringField().refine((value) => value === undefined || value.length >= 32, {
    error: 'must be at least 32 characters (an HS256 secret of 256 bits)',
  }),
  AUTH_JWKS_URL: urlField(['https:', 'http:']),
  AUTH_ISSUER: stringField(),
  AUTH_AUDIENCE: stringField(),
  AUTH_DEV_HEADERS: booleanField(),
  ALLOW_IN_MEMORY_IN_PRODUCTION: booleanField(false),
  DEMO_CATALOG: booleanField(),

  MAX_BODY_BYTES: intField({ min: 1024, max: 16 * 1_048_576, default: 1_048_576 }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: intField({ min: 1000, max: 600_000, default: 5000 }),
  HTTP_REQUEST_TIMEOUT_MS: intField({ min: 1000, max: 600_000, default: 30_000 }),
  HEALTH_CHECK_TIMEOUT_MS: intField({ min: 50, max: 60_000, default: 1000 }),
  SHUTDOWN_TIMEOUT_MS: intField({ min: 100, max: 600_000, default: 10_000 }),
  CHECKOUT_LEASE_MS: intField({ min: 1000, max: 3_600_000, default: 30_000 }),
  ORDER_OUTBOX_MAX_PENDING_EVENTS: intField({ min: 1, max: 150, default: 100 }),
  OUTBOX_RELAY_INTERVAL_MS: intField({ min: 10, max: 600_000, default: 200 }),
  OUTBOX_RELAY_BATCH: intField({ min: 1, max: 1000, default: 50 }),
  OUTBOX_LEASE_MS: intField({ min: 1000, max: 3_600_000, default: 30_000 }),
  CHECKOUT_SWEEP_INTERVAL_MS: intField({ min: 100, max: 3_600_000, default: 10_000 }),
  PURGE_INTERVAL_MS: intField({ min: 100, max: 86_400_000, default: 60_000 }),
})

export type Env = z.output<typeof envSchema>
export type EnvName = keyof typeof envSchema.shape
