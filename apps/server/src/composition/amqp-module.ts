import {
  type AmqpConnection,
  AmqpSetupError,
  amqpConnection,
  amqpOrderEventsPublisher,
  amqpProductEventsConsumer,
  amqpProductSource,
} from '@orders/adapter-amqp'
import { ContainerModule } from 'inversify'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config/server-config.js'
import { closedOnPurpose, closeOnPurpose } from './deliberate-close.js'
import { type BackgroundConsumer, type Registry, resolver, TOKENS } from './tokens.js'

type AmqpConfig = NonNullable<ServerConfig['amqp']>

/**
 * RabbitMQ (AMQP_URL): one self-healing connection shared by the order events publisher (outbox
 * relay), the product RPC source and the product events consumer (started by the worker only).
 * Each participant is set up again after a reconnection; one whose setup keeps failing is retried
 * alone (logged as an error, shown by readiness) and the start goes on after AMQP_CONNECT_WAIT_MS.
 * The connection is closed on deactivation.
 */
export function amqpModule(amqp: AmqpConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Registry['amqpConnection']>(TOKENS.amqpConnection)
      .toDynamicValue(async (context) => {
        const deps = resolver(context)
        const config = await deps.get('config')
        const logger = (await deps.get('logger')).child({ component: 'amqp' })
        const connection = amqpConnection({ url: amqp.url, name: `order-service ${config.instanceId}` })
        connection.on('connected', () => logger.info('rabbitmq connected'))
        connection.on('disconnected', () => {
          if (closedOnPurpose(connection)) logger.info('rabbitmq connection closed')
          else logger.warn('rabbitmq connection lost: reconnecting')
        })
        connection.on('error', (error: Error) => {
          if (error instanceof AmqpSetupError) logger.error({ err: error }, error.message)
          else logger.warn({ err: error }, 'rabbitmq error')
        })
        await connection.waitUntilConnected(amqp.connectWaitMs).catch(() => {
          logger.warn({ waitedMs: amqp.connectWaitMs }, 'rabbitmq not reachable yet: starting without it')
        })
        return connection
      })
      .inSingletonScope()
      .onDeactivation((connection) => closeOnPurpose(connection, (c) => c.close()))

    bind(TOKENS.publisher)
      .toDynamicValue(async (context) => {
        const deps = resolver(context)
        const connection = await deps.get('amqpConnection')
        const publisher = amqpOrderEventsPublisher({ connection, exchange: amqp.orderExchange })
        await whenReady(publisher.start(), connection, amqp.connectWaitMs, await deps.get('logger'))
        return publisher
      })
      .inSingletonScope()

    bind(TOKENS.productSource)
      .toDynamicValue(async (context) => {
        const deps = resolver(context)
        const connection = await deps.get('amqpConnection')
        const metrics = await deps.get('metrics')
        const source = amqpProductSource({
          connection,
          queue: amqp.rpcQueue,
          timeoutMs: amqp.rpcTimeoutMs,
          onLateReply: () => metrics.telemetry.count('product_rpc_late_reply'),
        })
        await whenReady(source.start(), connection, amqp.connectWaitMs, await deps.get('logger'))
        return source
      })
      .inSingletonScope()

    bind(TOKENS.consumer)
      .toDynamicValue(async (context): Promise<BackgroundConsumer> => {
        const deps = resolver(context)
        const connection = await deps.get('amqpConnection')
        const metrics = await deps.get('metrics')
        const logger = (await deps.get('logger')).child({ component: 'product-events' })
        const consumer = amqpProductEventsConsumer({
          connection,
          products: (await deps.get('service')).products,
          topology: { exchange: amqp.productExchange, queue: amqp.productQueue },
          prefetch: amqp.prefetch,
          onCount: (counter, by) => metrics.telemetry.count(`product_events_${counter}`, by),
          onWarn: (message, error) => logger.warn({ err: error }, message),
        })
        return {
          name: 'product-events',
          start: () => whenReady(consumer.start(), connection, amqp.connectWaitMs, logger),
          stop: (drainTimeoutMs) => consumer.stop({ drainTimeoutMs }),
        }
      })
      .inSingletonScope()

    bind(TOKENS.healthCheck)
      .toDynamicValue(async (context) => {
        const deps = resolver(context)
        const connection = await deps.get('amqpConnection')
        const { role } = await deps.get('config')
        return {
          name: 'rabbitmq',
          // The API serves without the broker (the outbox keeps events); the worker's job needs it.
          critical: role === 'worker',
          check: async () => {
            if (!connection.isConnected) throw new Error('not connected (reconnecting)')
            const failing = connection.setupFailures
            if (failing.length > 0) throw new Error(failing.map(describeFailure).join('; '))
          },
        }
      })
      .inSingletonScope()
  })
}

const describeFailure = (failure: AmqpSetupError) =>
  `${failure.participant} setup failing: ${failure.cause instanceof Error ? failure.cause.message : String(failure.cause)}`

/**
 * Waits for a participant's first setup while the broker is up, at most `waitMs`: a setup that keeps
 * failing is retried in the background and must not hold the start (nor the listen) forever. When the
 * broker is down the participant is set up on reconnection and the start goes on now.
 */
async function whenReady(
  ready: Promise<void>,
  connection: AmqpConnection,
  waitMs: number,
  logger: Logger,
): Promise<void> {
  ready.catch(() => {})
  if (!connection.isConnected) return
  let timer: NodeJS.Timeout | undefined
  const timedOut = await Promise.race([
    ready.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), waitMs)
    }),
  ]).finally(() => clearTimeout(timer))
  if (timedOut) {
    const failing = connection.setupFailures.map(describeFailure)
    logger.error({ waitedMs: waitMs, failing }, 'rabbitmq: a part is not set up yet: starting without it')
  }
}
