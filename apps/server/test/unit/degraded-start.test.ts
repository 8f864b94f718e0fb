import type { Container } from 'inversify'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/application.js'
import { buildContainer } from '../../src/composition/build-container.js'
import { resolver } from '../../src/composition/tokens.js'
import { loadConfig } from '../../src/config/load-config.js'
import { checkReadiness } from '../../src/ops/health.js'
import { capturingLogger } from '../support/silent-logger.js'

const ALL = { mongo: true, redis: true, amqp: true }
let container: Container | undefined
let server: RunningServer | undefined

afterEach(async () => {
  await container?.unbindAllAsync()
  await server?.stop('test')
  container = undefined
  server = undefined
})

describe('starting while Redis and RabbitMQ are unreachable', () => {
  it('still composes each adapter on its own and reports both dependencies down', async () => {
    const { logger, lines } = capturingLogger()
    const config = loadConfig(
      {
        REDIS_URL: 'redis://127.0.0.1:1',
        AMQP_URL: 'amqp://127.0.0.1:1',
        AMQP_CONNECT_WAIT_MS: '100',
        AUTH_DEV_HEADERS: 'true',
      },
      ALL,
    )
    container = await buildContainer(config, logger)
    const deps = resolver(container)
    expect((await deps.get('storage')).kind).toBe('memory')
    expect(await deps.optional('productCache')).toBeDefined()
    expect(await deps.optional('productSource')).toBeDefined()
    await deps.get('service')
    const readiness = await checkReadiness(await deps.all('healthCheck'), {
      timeoutMs: 500,
      shuttingDown: false,
    })
    // Both are optional for serving (DESIGN §7): reported down, but the instance stays ready.
    expect(readiness.status).toBe('ready')
    expect(readiness.checks.memory).toMatchObject({ status: 'up', critical: true })
    expect(readiness.checks.redis).toMatchObject({ status: 'down', critical: false })
    expect(readiness.checks.rabbitmq).toMatchObject({
      status: 'down',
      critical: false,
      error: 'not connected (reconnecting)',
    })
    expect(lines.some((line) => String(line.msg).startsWith('rabbitmq not reachable yet'))).toBe(true)
  })
})

describe('starting the demo catalog while Redis is unreachable', () => {
  // Regression: the catalog went through the product-change path, which fails when the cache cannot be
  // written, so REDIS_URL with Redis down on in-memory storage made the start fail (exit 1).
  it('starts, serves the demo products from the replica, and reports Redis down', async () => {
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:1', AUTH_DEV_HEADERS: 'true', PORT: '0' }, ALL)
    server = await startServer(config, capturingLogger().logger, { banner: () => {} })
    const product = await fetch(`${server.url}/products/espresso-beans`, { headers: { 'x-user-id': 'u-1' } })
    expect(product.status).toBe(200)
    expect(await product.json()).toMatchObject({ productId: 'espresso-beans', version: 1 })
    const ready = await fetch(`${server.url}/health/ready`)
    expect(ready.status).toBe(200)
    const readiness = (await ready.json()) as { checks: Record<string, unknown> }
    expect(readiness.checks.redis).toMatchObject({ status: 'down', critical: false })
  })
})
