import type { Container } from 'inversify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildContainer } from '../../src/composition/build-container.js'
import { resolver } from '../../src/composition/tokens.js'
import { loadConfig } from '../../src/config/load-config.js'
import { checkReadiness } from '../../src/ops/health.js'
import { capturingLogger } from '../support/silent-logger.js'

const ALL = { mongo: true, redis: true, amqp: true }
let container: Container | undefined

afterEach(async () => {
  await container?.unbindAllAsync()
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
