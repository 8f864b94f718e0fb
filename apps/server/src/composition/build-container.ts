import { Container, type ContainerModule } from 'inversify'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config/server-config.js'
import { amqpModule } from './amqp-module.js'
import { coreModule } from './core-module.js'
import { httpModule } from './http-module.js'
import { memoryModule } from './memory-module.js'
import { mongoModule } from './mongo-module.js'
import { redisModule } from './redis-module.js'

/**
 * The composition root: one container module per adapter, chosen by configuration. No
 * MONGODB_URI means in-memory storage; REDIS_URL and AMQP_URL each add their adapter on their own.
 * Connections are closed by the bindings' deactivation (`container.unbindAllAsync()`).
 */
export async function buildContainer(config: ServerConfig, logger: Logger): Promise<Container> {
  const container = new Container()
  const modules: ContainerModule[] = [
    coreModule(config, logger),
    config.mongo ? mongoModule(config.mongo, config.maxPendingEvents) : memoryModule(config.maxPendingEvents),
    httpModule(),
  ]
  if (config.redis) modules.push(redisModule(config.redis))
  if (config.amqp) modules.push(amqpModule(config.amqp))
  await container.loadAsync(...modules)
  return container
}
