import { connect } from 'amqplib'
import type { Container } from 'inversify'
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/application.js'
import { buildContainer } from '../../src/composition/build-container.js'
import { resolver } from '../../src/composition/tokens.js'
import { loadConfig } from '../../src/config/load-config.js'
import { checkReadiness } from '../../src/ops/health.js'
import { databaseUri, dropDatabase } from '../support/mongo.js'
import { AMQP_URL, servicesAvailable, uniqueNames } from '../support/services.js'
import { capturingLogger } from '../support/silent-logger.js'

const ALL = { mongo: true, redis: true, amqp: true }
const mongodbUri = inject('mongodbUri')
const database = `orders_server_amqp_ready_${process.pid}`
let container: Container | undefined

afterEach(async () => {
  await container?.unbindAllAsync()
  container = undefined
})
afterAll(async () => {
  if (mongodbUri) await dropDatabase(mongodbUri, database)
})

describe.skipIf(!mongodbUri)('RabbitMQ readiness by role', () => {
  it('is critical for ROLE=worker: consuming and relaying are its job', async () => {
    const env = {
      ROLE: 'worker',
      MONGODB_URI: databaseUri(mongodbUri!, database),
      AMQP_URL: 'amqp://127.0.0.1:1',
      AMQP_CONNECT_WAIT_MS: '100',
      AUTH_DEV_HEADERS: 'true',
    }
    container = await buildContainer(loadConfig(env, ALL), capturingLogger().logger)
    const readiness = await checkReadiness(await resolver(container).all('healthCheck'), {
      timeoutMs: 2000,
      shuttingDown: false,
    })
    expect(readiness.status).toBe('not_ready')
    expect(readiness.checks.rabbitmq).toMatchObject({ status: 'down', critical: true })
    expect(readiness.checks.mongodb).toMatchObject({ status: 'up', critical: true })
  })
})

const services = await servicesAvailable()

describe.skipIf(!services)('a product queue that exists with other arguments', () => {
  const names = uniqueNames('clash')
  afterAll(async () => {
    const model = await connect(AMQP_URL)
    const channel = await model.createChannel()
    for (const suffix of ['', '.retry.1', '.retry.2', '.retry.3', '.dlq'])
      await channel.deleteQueue(`${names.productQueue}${suffix}`).catch(() => {})
    for (const exchange of [names.productExchange, names.orderExchange])
      await channel.deleteExchange(exchange).catch(() => {})
    await model.close()
  })

  it('does not hold the start: the server listens, logs the error and readiness names the failing part', async () => {
    const model = await connect(AMQP_URL)
    await (await model.createChannel()).assertQueue(names.productQueue, { durable: true }) // classic
    await model.close()
    const { logger, lines } = capturingLogger()
    const config = loadConfig(
      {
        PORT: '0',
        AMQP_URL,
        AMQP_PRODUCT_EXCHANGE: names.productExchange,
        AMQP_PRODUCT_QUEUE: names.productQueue,
        AMQP_ORDER_EXCHANGE: names.orderExchange,
        AMQP_CONNECT_WAIT_MS: '300',
        AUTH_DEV_HEADERS: 'true',
        DEMO_CATALOG: 'false',
      },
      ALL,
    )
    const started = Date.now()
    let server: RunningServer | undefined
    try {
      server = await startServer(config, logger, { banner: () => {} })
      expect(Date.now() - started).toBeLessThan(10_000)
      const response = await fetch(`${server.url}/health/ready`)
      const body = (await response.json()) as { checks: Record<string, { status: string; error?: string }> }
      expect(response.status).toBe(200) // ROLE=all serves without the consumer
      expect(body.checks.rabbitmq?.status).toBe('down')
      expect(body.checks.rabbitmq?.error).toMatch(
        /product events consumer setup failing: .*PRECONDITION_FAILED/,
      )
      const errors = lines.filter((line) => line.level === 50).map((line) => String(line.msg))
      expect(errors.some((msg) => /setup of product events consumer failed/.test(msg))).toBe(true)
    } finally {
      await server?.stop('test')
    }
  })
})
