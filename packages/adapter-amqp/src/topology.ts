import type { Channel, Options } from 'amqplib'

/** Names and retry policy of the inbound product events (DESIGN §6). */
export interface ProductEventsTopologyOptions {
  /** @default 'product.events' */
  exchange?: string
  /** Shared by every instance. @default 'order-service.product-events' */
  queue?: string
  /** @default ['product.*'] */
  bindingKeys?: readonly string[]
  /** @default `${queue}.dlq` */
  deadLetterQueue?: string
  /**
   * Delay before each retry; a failing message is tried `retryDelaysMs.length + 1` times in all.
   * @default [1000, 10000, 60000]
   */
  retryDelaysMs?: readonly number[]
  /**
   * Deliveries of one message (redeliveries after a crash or a lost connection, not retries) after which
   * the quorum queue dead-letters it to the DLQ, so a message that kills the process cannot loop.
   * @default 20
   */
  deliveryLimit?: number
}

export interface RetryQueue {
  name: string
  delayMs: number
}

export interface ProductEventsTopology {
  exchange: string
  queue: string
  bindingKeys: readonly string[]
  deadLetterQueue: string
  retryQueues: readonly RetryQueue[]
  deliveryLimit: number
}

export const DEFAULT_PRODUCT_EVENTS_EXCHANGE = 'product.events'
export const DEFAULT_PRODUCT_EVENTS_QUEUE = 'order-service.product-events'
export const DEFAULT_ORDER_EVENTS_EXCHANGE = 'order.events'
export const DEFAULT_PRODUCT_RPC_QUEUE = 'product.rpc'
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 10_000, 60_000]

/**
 * Resolves the names. Retry queues are named after their delay (`<queue>.retry.<ms>ms`), so changing the
 * policy declares new queues instead of clashing with the arguments of existing ones.
 */
export function productEventsTopology(options: ProductEventsTopologyOptions = {}): ProductEventsTopology {
  const queue = options.queue ?? DEFAULT_PRODUCT_EVENTS_QUEUE
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  for (const delay of delays) {
    if (!Number.isSafeInteger(delay) || delay < 1) {
      throw new Error(`[orders] [amqp] retry delays must be positive integers (ms), got ${delay}`)
    }
  }
  return {
    exchange: options.exchange ?? DEFAULT_PRODUCT_EVENTS_EXCHANGE,
    queue,
    bindingKeys: options.bindingKeys ?? ['product.*'],
    deadLetterQueue: options.deadLetterQueue ?? `${queue}.dlq`,
    retryQueues: delays.map((delayMs) => ({ name: `${queue}.retry.${delayMs}ms`, delayMs })),
    deliveryLimit: options.deliveryLimit ?? 20,
  }
}

/**
 * Every queue is a durable quorum queue (replicated; what a RabbitMQ cluster behind several instances
 * wants). Dead-lettering is at-least-once, which RabbitMQ allows only with `reject-publish` overflow.
 */
function quorumQueue(extra: Record<string, unknown> = {}): Options.AssertQueue {
  return { durable: true, arguments: { 'x-queue-type': 'quorum', ...extra } }
}

function deadLetterTo(queue: string): Record<string, unknown> {
  return {
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': queue,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  }
}

/** The exact declaration of each queue: every instance must declare them identically. */
export function productEventsQueueDeclarations(topology: ProductEventsTopology) {
  return [
    { name: topology.deadLetterQueue, options: quorumQueue() },
    {
      name: topology.queue,
      options: quorumQueue({
        ...deadLetterTo(topology.deadLetterQueue),
        'x-delivery-limit': topology.deliveryLimit,
      }),
    },
    // A retry queue has no consumer: its messages expire after the delay and are dead-lettered through
    // the default exchange straight to the main queue, never back through the product.events exchange.
    ...topology.retryQueues.map(({ name, delayMs }) => ({
      name,
      options: quorumQueue({ ...deadLetterTo(topology.queue), 'x-message-ttl': delayMs }),
    })),
  ]
}

/** Declares the product events exchange, queues and bindings. Idempotent; safe on every (re)connect. */
export async function assertProductEventsTopology(channel: Channel, topology: ProductEventsTopology) {
  await channel.assertExchange(topology.exchange, 'topic', { durable: true })
  for (const { name, options } of productEventsQueueDeclarations(topology)) {
    await channel.assertQueue(name, options)
  }
  for (const key of topology.bindingKeys) await channel.bindQueue(topology.queue, topology.exchange, key)
}

/** Declares the order events exchange (topic, durable). Idempotent. */
export async function assertOrderEventsTopology(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true })
}
