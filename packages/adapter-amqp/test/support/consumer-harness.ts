import { createOrderService, type ProductState } from '@orders/core'
import { type InMemoryAdapters, inMemoryAdapters } from '@orders/core/testing'
import {
  type AmqpConnection,
  amqpConnection,
  amqpProductEventsConsumer,
  type ProductEventsConsumer,
  type ProductEventsCounter,
  productEventsQueueDeclarations,
} from '../../src/index.js'
import { AMQP_URL, type BrokerFixture } from './broker.js'

export interface ConsumerHarness {
  adapters: InMemoryAdapters
  connection: AmqpConnection
  consumer: ProductEventsConsumer
  exchange: string
  counts: Record<ProductEventsCounter, number>
  warnings: string[]
  /** Every apply, in order: `productId@version` and whether it changed the store. */
  applies: { key: string; applied: boolean }[]
  /** What the service holds for a product (live or tombstone), or null. */
  stored(productId: string): Promise<ProductState | null>
  close(): Promise<void>
}

/**
 * A product events consumer on its own exchange and queues (named after `prefix`), applying into the core's
 * in-memory store. Registers every name with the fixture for deletion.
 */
export async function startConsumer(options: {
  fixture: BrokerFixture
  prefix: string
  url?: string
  retryDelaysMs?: number[]
  prefetch?: number
  /** Awaited after each apply, before the consumer sees its result: holds a message in flight. */
  afterApply?: () => Promise<void>
}): Promise<ConsumerHarness> {
  const adapters = inMemoryAdapters()
  const service = createOrderService(adapters)
  const counts: Record<ProductEventsCounter, number> = {
    consumed: 0,
    applied: 0,
    ignored: 0,
    retried: 0,
    dead_lettered: 0,
  }
  const warnings: string[] = []
  const applies: ConsumerHarness['applies'] = []
  // Records what the real product sync did with each event; the sync itself is the core's.
  const products = {
    apply: async (state: ProductState) => {
      const result = await service.products.apply(state)
      applies.push({ key: `${state.productId}@${state.version}`, applied: result.applied })
      await options.afterApply?.()
      return result
    },
  }
  const exchange = `${options.prefix}.product.events`
  const connection = amqpConnection({
    url: options.url ?? AMQP_URL,
    name: options.prefix,
    reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
  })
  const consumer = amqpProductEventsConsumer({
    connection,
    products,
    topology: {
      exchange,
      queue: `${options.prefix}.product-events`,
      retryDelaysMs: options.retryDelaysMs ?? [100, 200],
    },
    ...(options.prefetch ? { prefetch: options.prefetch } : {}),
    onCount: (counter, by) => {
      counts[counter] += by
    },
    onWarn: (message) => warnings.push(message),
  })
  options.fixture.trackExchanges(exchange)
  options.fixture.trackQueues(...productEventsQueueDeclarations(consumer.topology).map((q) => q.name))
  await consumer.start()
  return {
    adapters,
    connection,
    consumer,
    exchange,
    counts,
    warnings,
    applies,
    stored: async (productId) => (await adapters.products.getMany([productId]))[0] ?? null,
    close: () => connection.close(),
  }
}
