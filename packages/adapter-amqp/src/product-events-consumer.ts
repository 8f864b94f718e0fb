import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib'
import type { AmqpConnection, AmqpParticipant } from './connection.js'
import { handleProductEvent, type ProductEventSink } from './product-event-outcome.js'
import { ProductEventSettlement, type ProductEventsCounter } from './product-event-settlement.js'
import { ConfirmedPublisher } from './publish-confirmed.js'
import {
  assertProductEventsTopology,
  type ProductEventsTopology,
  type ProductEventsTopologyOptions,
  productEventsTopology,
} from './topology.js'

export type { ProductEventsCounter } from './product-event-settlement.js'

export interface ProductEventsConsumerOptions {
  connection: AmqpConnection
  /** Where events are applied: the core's product sync, `createOrderService(adapters).products`. */
  products: ProductEventSink
  /** Names and retry policy; DESIGN §6 defaults. */
  topology?: ProductEventsTopologyOptions
  /** Unacknowledged messages in flight (they are handled concurrently). @default 50 */
  prefetch?: number
  /** How long `stop()` waits for messages being handled (`stop({ drainTimeoutMs })` overrides it). @default 10000 */
  drainTimeoutMs?: number
  /** Called on every counter change. Must not throw. */
  onCount?: (counter: ProductEventsCounter, by: number) => void
  /** Handled problems worth a log line (retries, dead letters, settle failures). Must not throw. */
  onWarn?: (message: string, error?: unknown) => void
}

/**
 * Consumes `order-service.product-events` with manual acks and bounded prefetch, applies each event through
 * the core's version-guarded product sync, and routes failures: retry queues with growing delays, then the
 * DLQ; an invalid message goes to the DLQ at once. A copy is always confirmed by the broker before the
 * original is acked. Survives connection loss (the connection re-runs `setup`).
 * @example
 * const consumer = amqpProductEventsConsumer({ connection, products: service.products })
 * await consumer.start()
 */
export class ProductEventsConsumer implements AmqpParticipant {
  readonly name = 'product events consumer'
  readonly topology: ProductEventsTopology
  private channel: ConfirmChannel | undefined
  private consumerTag: string | undefined
  private stopping = false
  private drainTimeoutMs: number
  private inFlight = 0
  private idleWaiters: (() => void)[] = []
  private readonly settlement: ProductEventSettlement

  constructor(private readonly options: ProductEventsConsumerOptions) {
    this.topology = productEventsTopology(options.topology)
    this.drainTimeoutMs = options.drainTimeoutMs ?? 10_000
    this.settlement = new ProductEventSettlement({
      deadLetterQueue: this.topology.deadLetterQueue,
      currentChannel: () => this.channel,
      onCount: options.onCount,
      onWarn: options.onWarn,
    })
  }

  /** Asserts the topology and starts consuming; resolves once consuming (after the first connect). */
  start(): Promise<void> {
    this.stopping = false
    return this.options.connection.attach(this)
  }

  /**
   * Graceful stop: cancel the consumer, let in-flight messages finish (up to `drainTimeoutMs`, e.g. what
   * is left of a shutdown budget), close the channel (unacked ones return to the queue).
   */
  stop(options: { drainTimeoutMs?: number } = {}): Promise<void> {
    this.stopping = true
    if (options.drainTimeoutMs !== undefined) this.drainTimeoutMs = Math.max(0, options.drainTimeoutMs)
    return this.options.connection.detach(this)
  }

  /** Opens the channel, asserts the topology, consumes. A failure or a `stop()` meanwhile closes the channel. */
  async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel()
    let consuming = false
    const publisher = new ConfirmedPublisher(channel)
    channel.on('error', (error: Error) =>
      this.settlement.warn('[orders] [amqp] product events channel error', error),
    )
    channel.on('close', () => {
      if (this.channel !== channel) return
      this.channel = undefined
      // A channel lost while setting up fails the setup (retried alone), not the connection.
      if (!this.stopping && consuming)
        this.options.connection.reset(new Error('[orders] [amqp] product events channel closed'))
    })
    // Copies are mandatory: a return means a retry queue or the DLQ is gone. Nothing confirmed on this
    // channel from now on is trusted; reconnecting re-asserts the topology.
    channel.on('return', () => {
      if (this.channel === channel) this.channel = undefined
      this.options.connection.reset(new Error('[orders] [amqp] a retry/DLQ copy was unroutable'))
    })
    try {
      await assertProductEventsTopology(channel, this.topology)
      this.throwIfStopping()
      await channel.prefetch(this.options.prefetch ?? 50)
      this.throwIfStopping()
      this.channel = channel
      const { consumerTag } = await channel.consume(
        this.topology.queue,
        (message) => {
          if (message) void this.handle(channel, publisher, message)
          else this.options.connection.reset(new Error('[orders] [amqp] the broker cancelled the consumer'))
        },
        { noAck: false },
      )
      this.consumerTag = consumerTag
      this.throwIfStopping()
      consuming = true
    } catch (error) {
      if (this.channel === channel) this.channel = undefined
      await channel.close().catch(() => {})
      throw error
    }
  }

  /** `stop()` ran while a (re)connection was setting up: that setup must not leave a consumer behind. */
  private throwIfStopping(): void {
    if (this.stopping) throw new Error('[orders] [amqp] product events consumer stopped during setup')
  }

  disconnected(): void {
    this.channel = undefined
  }

  async shutdown(): Promise<void> {
    this.stopping = true
    const channel = this.channel
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => {})
    await this.idle(this.drainTimeoutMs)
    this.channel = undefined
    await channel?.close().catch(() => {})
  }

  private async handle(channel: ConfirmChannel, publisher: ConfirmedPublisher, message: ConsumeMessage) {
    if (this.stopping) return // left unacked: back to the queue when the channel closes
    this.inFlight += 1
    try {
      this.settlement.count('consumed')
      const outcome = await handleProductEvent(message, this.options.products, this.topology.retryQueues)
      await this.settlement.settle(channel, publisher, message, outcome)
    } catch (error) {
      this.settlement.requeueLater(channel, message, error)
    } finally {
      this.inFlight -= 1
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake()
    }
  }

  private idle(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs)
      this.idleWaiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}

/** Creates the product events consumer (see {@link ProductEventsConsumer}); call `start()` to consume. */
export function amqpProductEventsConsumer(options: ProductEventsConsumerOptions): ProductEventsConsumer {
  return new ProductEventsConsumer(options)
}
