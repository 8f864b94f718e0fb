import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config/config-error.js'
import { loadConfig } from '../../src/config/load-config.js'

const ALL = { mongo: true, redis: true, amqp: true }
const SECRET = 'a-test-secret-that-is-at-least-32-chars'

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ AUTH_JWT_SECRET: SECRET, ...env }, ALL)
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues]
    throw error
  }
  return []
}

describe('addresses in the configuration', () => {
  // Regression: WHATWG URL cannot parse a host list, so every replica-set URI with ports was refused.
  it('accepts a MongoDB connection string listing several hosts (a replica set)', () => {
    const uri = 'mongodb://app:s3cret@m1:27017,m2:27017,m3:27017/orders?replicaSet=rs0&authSource=admin'
    expect(loadConfig({ MONGODB_URI: uri, AUTH_JWT_SECRET: SECRET }, ALL).mongo?.uri).toBe(uri)
    expect(issuesOf({ MONGODB_URI: 'mongodb://m1:27017,m2:x/orders' })).toEqual([
      'MONGODB_URI: must be a URL starting with mongodb:// or mongodb+srv:// (got "mongodb://m1:27017,m2:x/orders")',
    ])
  })

  // Regression: the Redis Cluster seed list documented by REDIS_CLUSTER was refused in every spelling.
  it('accepts comma-separated Redis Cluster seeds, and only with REDIS_CLUSTER=true', () => {
    const seeds = 'redis://10.0.0.1:7000,redis://10.0.0.2:7000'
    expect(
      loadConfig({ REDIS_URL: seeds, REDIS_CLUSTER: 'true', AUTH_JWT_SECRET: SECRET }, ALL).redis,
    ).toMatchObject({ url: seeds, cluster: true })
    expect(issuesOf({ REDIS_URL: seeds })).toEqual([
      'REDIS_URL: several comma-separated nodes need REDIS_CLUSTER=true',
    ])
    expect(issuesOf({ REDIS_URL: 'redis://10.0.0.1:7000,10.0.0.2:7000', REDIS_CLUSTER: 'true' })).toEqual([
      'REDIS_URL: must be a URL starting with redis:// or rediss:// (got "redis://10.0.0.1:7000,10.0.0.2:7000")',
    ])
  })

  // Regression: HOST=0.0.0.0:3000 passed validation, then the start failed with getaddrinfo ENOTFOUND (exit 1).
  it('refuses a HOST that carries a port or a scheme, and takes host names and IPv4/IPv6 addresses', () => {
    const rule = 'must be a host name or an IP address, without scheme or port (e.g. 0.0.0.0 or ::)'
    expect(issuesOf({ HOST: '0.0.0.0:3000' })).toEqual([`HOST: ${rule} (got "0.0.0.0:3000")`])
    expect(issuesOf({ HOST: 'http://localhost' })).toEqual([`HOST: ${rule} (got "http://localhost")`])
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', 'orders.internal.example.com'])
      expect(loadConfig({ HOST: host, AUTH_JWT_SECRET: SECRET }, ALL).http.host).toBe(host)
  })
})
