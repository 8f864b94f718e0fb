import type { Container } from 'inversify'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { buildContainer } from '../../src/composition/build-container.js'
import { resolver } from '../../src/composition/tokens.js'
import { loadConfig } from '../../src/config/load-config.js'
import { checkReadiness } from '../../src/ops/health.js'
import { databaseUri, dropDatabase } from '../support/mongo.js'
import { capturingLogger } from '../support/silent-logger.js'

const mongodbUri = inject('mongodbUri')
const database = `orders_server_unit_${process.pid}`
let container: Container | undefined

afterAll(async () => {
  await container?.unbindAllAsync()
  if (mongodbUri) await dropDatabase(mongodbUri, database)
})

describe.skipIf(!mongodbUri)('the composition root with MONGODB_URI', () => {
  it('puts storage on MongoDB, logs the transaction mode, checks it for readiness and closes it', async () => {
    const { logger, lines } = capturingLogger()
    const config = loadConfig(
      { MONGODB_URI: databaseUri(mongodbUri!, database), AUTH_DEV_HEADERS: 'true' },
      {
        mongo: true,
        redis: true,
        amqp: true,
      },
    )
    container = await buildContainer(config, logger)
    const deps = resolver(container)
    const storage = await deps.get('storage')
    expect(storage.kind).toMatch(/^mongodb \((transactional|single-document)\)$/)
    expect(
      lines.some((line) =>
        /\[orders\] \[mongo\] (transactional|single-document) mode/.test(String(line.msg)),
      ),
    ).toBe(true)
    const readiness = await checkReadiness(await deps.all('healthCheck'), {
      timeoutMs: 2000,
      shuttingDown: false,
    })
    expect(readiness).toMatchObject({ status: 'ready', checks: { mongodb: { status: 'up' } } })
    const connection = await deps.get('mongoConnection')
    await container.unbindAllAsync()
    container = undefined
    expect(connection.readyState).toBe(0)
  })
})
