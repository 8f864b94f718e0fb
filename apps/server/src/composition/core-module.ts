import { createOrderService } from '@orders/core'
import { ContainerModule } from 'inversify'
import type { Logger } from 'pino'
import { logEventPublisher } from '../adapters/log-event-publisher.js'
import type { ServerConfig } from '../config/server-config.js'
import { createServerMetrics } from '../ops/metrics.js'
import { resolver, TOKENS } from './tokens.js'

/**
 * Configuration, logger, metrics and the order service itself, wired to whatever the adapter
 * modules bound. Without a broker, events go to the log (`logEventPublisher`).
 */
export function coreModule(config: ServerConfig, logger: Logger): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.config).toConstantValue(config)
    bind(TOKENS.logger).toConstantValue(logger)
    bind(TOKENS.metrics)
      .toDynamicValue(() =>
        createServerMetrics({ warn: (message, error) => logger.warn({ err: error }, message) }),
      )
      .inSingletonScope()
    if (!config.amqp) {
      bind(TOKENS.publisher)
        .toDynamicValue(() => logEventPublisher(logger.child({ component: 'events' })))
        .inSingletonScope()
    }
    bind(TOKENS.service)
      .toDynamicValue(async (context) => {
        const deps = resolver(context)
        const storage = await deps.get('storage')
        const metrics = await deps.get('metrics')
        const productCache = await deps.optional('productCache')
        const productSource = await deps.optional('productSource')
        const service = createOrderService(
          {
            orders: storage.orders,
            carts: storage.carts,
            products: storage.products,
            idempotency: storage.idempotency,
            ...(storage.unitOfWork ? { unitOfWork: storage.unitOfWork } : {}),
            ...(productCache ? { productCache } : {}),
            ...(productSource ? { productSource } : {}),
            publisher: await deps.get('publisher'),
            telemetry: metrics.telemetry,
          },
          { checkoutLeaseMs: config.checkoutLeaseMs },
        )
        metrics.trackOutbox(() => service.worker.outboxBacklog(), config.healthCheckTimeoutMs)
        return service
      })
      .inSingletonScope()
  })
}
