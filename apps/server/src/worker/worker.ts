import type { OrderService } from '@orders/core'
import type { Logger } from 'pino'
import type { BackgroundConsumer } from '../composition/tokens.js'
import type { ServerConfig } from '../config/server-config.js'
import { type IntervalLoop, startIntervalLoop } from './interval-loop.js'

export interface Worker {
  /** Stops consuming, stops the loops, then relays what the outbox still holds, until `deadline`. */
  stop(deadline: number): Promise<void>
}

/**
 * The worker role: the outbox relay, the stale-checkout sweep and the purge (FerretDB has no TTL
 * indexes) on intervals, and the product events consumer(s).
 */
export async function startWorker(options: {
  service: OrderService
  consumers: readonly BackgroundConsumer[]
  config: ServerConfig
  logger: Logger
}): Promise<Worker> {
  const { service, config, logger } = options
  const relay = {
    owner: config.instanceId,
    limit: config.worker.relayBatch,
    leaseMs: config.worker.outboxLeaseMs,
  }
  const onError = (name: string) => (error: unknown) =>
    logger.error({ err: error }, `[orders] [worker] ${name} failed`)
  const loops: IntervalLoop[] = [
    startIntervalLoop({
      name: 'outbox-relay',
      intervalMs: config.worker.relayIntervalMs,
      // A pass that published nothing (broker down) is no reason to go again at once: it would lease the
      // whole backlog (each failed claim stays leased for OUTBOX_LEASE_MS) and spin.
      pass: async () => {
        const result = await service.worker.relayOutboxOnce(relay)
        return result.claimed >= relay.limit && result.failed === 0
      },
      onError: onError('outbox relay'),
    }),
    startIntervalLoop({
      name: 'checkout-sweep',
      intervalMs: config.worker.sweepIntervalMs,
      pass: async () => {
        const swept = await service.worker.sweepStaleCheckoutsOnce({ limit: 100 })
        if (swept > 0) logger.info({ swept }, 'completed stale checkouts')
        return swept >= 100
      },
      onError: onError('checkout sweep'),
    }),
    startIntervalLoop({
      name: 'purge',
      intervalMs: config.worker.purgeIntervalMs,
      pass: async () => {
        const purged = await service.worker.purgeOnce({ limit: 500 })
        if (purged.idempotencyRecords + purged.orders > 0) logger.debug({ purged }, 'purged expired records')
        return purged.idempotencyRecords >= 500 || purged.orders >= 500
      },
      onError: onError('purge'),
    }),
  ]
  for (const consumer of options.consumers) {
    await consumer.start()
    logger.info({ consumer: consumer.name }, 'consumer started')
  }

  return {
    async stop(deadline) {
      // Half of what is left drains the consumers; the rest is for the outbox flush.
      const drainTimeoutMs = Math.max(0, Math.floor((deadline - Date.now()) / 2))
      for (const consumer of options.consumers) {
        await consumer.stop(drainTimeoutMs).catch(onError(`stopping ${consumer.name}`))
      }
      await Promise.all(loops.map((loop) => loop.stop()))
      let flushed = 0
      while (Date.now() < deadline) {
        const result = await service.worker.relayOutboxOnce(relay).catch((error: unknown) => {
          onError('final outbox relay')(error)
          return { claimed: 0, published: 0, failed: 0 }
        })
        flushed += result.published
        // Nothing left, or nothing published (broker down): the rest waits for the next instance.
        if (result.claimed === 0 || result.published === 0) break
      }
      logger.info({ flushed }, 'outbox relay flushed')
    },
  }
}
