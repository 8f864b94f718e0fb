import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config/config-error.js'
import { loadConfig } from '../../src/config/load-config.js'

const ALL = { mongo: true, redis: true, amqp: true }
const SECRET = 'a-test-secret-that-is-at-least-32-chars'

function issuesOf(env: Record<string, string>, available = ALL): string[] {
  try {
    loadConfig(env, available)
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues]
    throw error
  }
  return []
}

describe('loadConfig', () => {
  it('with nothing set gives the embedded default: memory, port 3000, express, dev headers, demo catalog', () => {
    const config = loadConfig({}, ALL)
    expect(config).toMatchObject({
      embedded: true,
      role: 'all',
      http: { port: 3000, host: '127.0.0.1', framework: 'express' },
      auth: { devHeaders: true },
      demoCatalog: true,
      shutdownTimeoutMs: 10_000,
    })
    expect(config.mongo).toBeUndefined()
    expect(config.redis).toBeUndefined()
    expect(config.amqp).toBeUndefined()
  })

  it('treats an empty value like an unset one', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: ' ' }, ALL)).toMatchObject({
      http: { port: 3000 },
      embedded: true,
    })
  })

  it('names the variable, says what is wrong and shows the value', () => {
    expect(issuesOf({ PORT: 'abc' })).toEqual(['PORT: must be an integer between 0 and 65535 (got "abc")'])
    expect(issuesOf({ PORT: '70000' })).toEqual(['PORT: must be at most 65535 (got "70000")'])
    expect(issuesOf({ HTTP_FRAMEWORK: 'koa' })).toEqual([
      'HTTP_FRAMEWORK: must be one of express, hono (got "koa")',
    ])
    expect(issuesOf({ AUTH_DEV_HEADERS: 'yes' })).toEqual([
      'AUTH_DEV_HEADERS: must be true or false (got "yes")',
    ])
  })

  it('lists every problem at once', () => {
    const issues = issuesOf({ PORT: '-1', ROLE: 'both', REDIS_URL: 'localhost:6379' })
    expect(issues.map((issue) => issue.split(':')[0])).toEqual(['PORT', 'ROLE', 'REDIS_URL'])
    expect(issues[2]).toBe(
      'REDIS_URL: must be a URL starting with redis:// or rediss:// (got "localhost:6379")',
    )
  })

  it('never prints a secret or URL credentials', () => {
    const [secretIssue] = issuesOf({ AUTH_JWT_SECRET: 'short-secret' })
    expect(secretIssue).toBe(
      'AUTH_JWT_SECRET: must be at least 32 characters (an HS256 secret of 256 bits) (got "<hidden>")',
    )
    const [urlIssue] = issuesOf({ MONGODB_URI: 'http://user:pa55@db:27017' })
    expect(urlIssue).toContain('//<credentials>@db')
    expect(urlIssue).not.toContain('pa55')
  })

  it('picks each real adapter independently from its variable', () => {
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', AUTH_JWT_SECRET: SECRET }, ALL)
    expect(config).toMatchObject({
      embedded: false,
      redis: { url: 'redis://127.0.0.1:6379', keyPrefix: 'orders:' },
    })
    expect(config.mongo).toBeUndefined()
    expect(config.amqp).toBeUndefined()
    expect(config.auth.devHeaders).toBe(false)
  })

  it('turns dev headers off by default once anything is configured, and then requires some auth', () => {
    expect(issuesOf({ AMQP_URL: 'amqp://127.0.0.1' })).toEqual([
      'AUTH_JWT_SECRET or AUTH_JWKS_URL: no authentication configured; set one (or AUTH_DEV_HEADERS=true in development)',
    ])
    expect(loadConfig({ AMQP_URL: 'amqp://127.0.0.1', AUTH_DEV_HEADERS: 'true' }, ALL).auth.devHeaders).toBe(
      true,
    )
  })

  it('in production refuses to start without JWT auth, with dev headers, or on in-memory storage', () => {
    expect(issuesOf({ NODE_ENV: 'production' })).toEqual([
      'AUTH_JWT_SECRET or AUTH_JWKS_URL: required when NODE_ENV=production (no authentication)',
      'MONGODB_URI: required when NODE_ENV=production (in-memory storage loses every order on restart); set ALLOW_IN_MEMORY_IN_PRODUCTION=true to run in memory anyway',
    ])
    expect(
      issuesOf({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: SECRET,
        AUTH_DEV_HEADERS: 'true',
        MONGODB_URI: 'mongodb://db/orders',
      }),
    ).toEqual(['AUTH_DEV_HEADERS: must not be true when NODE_ENV=production (it trusts X-User-Id headers)'])
  })

  it('in production runs in memory only when explicitly allowed', () => {
    const config = loadConfig(
      { NODE_ENV: 'production', AUTH_JWT_SECRET: SECRET, ALLOW_IN_MEMORY_IN_PRODUCTION: 'true' },
      ALL,
    )
    expect(config).toMatchObject({ nodeEnv: 'production', auth: { devHeaders: false }, embedded: true })
  })

  it('refuses ROLE=api or worker on in-memory storage (the processes would not share data)', () => {
    expect(issuesOf({ ROLE: 'worker' })[0]).toMatch(/^ROLE: must be all with in-memory storage/)
    expect(issuesOf({ ROLE: 'api', MONGODB_URI: 'mongodb://db/orders', AUTH_JWT_SECRET: SECRET })).toEqual([])
  })

  it('refuses the variable of an adapter this build does not contain', () => {
    const none = { mongo: false, redis: false, amqp: false }
    expect(issuesOf({ REDIS_URL: 'redis://127.0.0.1', AUTH_JWT_SECRET: SECRET }, none)).toEqual([
      'REDIS_URL: the Redis adapter is not available in this build; unset it',
    ])
  })

  it('passes the AMQP names and timeouts through', () => {
    const config = loadConfig(
      {
        AMQP_URL: 'amqp://127.0.0.1',
        AUTH_JWT_SECRET: SECRET,
        AMQP_ORDER_EXCHANGE: 'orders.test',
        AMQP_RPC_TIMEOUT_MS: '500',
      },
      ALL,
    )
    expect(config.amqp).toMatchObject({
      orderExchange: 'orders.test',
      productExchange: 'product.events',
      rpcTimeoutMs: 500,
    })
    expect(
      issuesOf({ AMQP_URL: 'amqp://127.0.0.1', AUTH_JWT_SECRET: SECRET, AMQP_ORDER_EXCHANGE: 'a b' })[0],
    ).toMatch(/^AMQP_ORDER_EXCHANGE: must be 1-200 characters/)
  })
})
