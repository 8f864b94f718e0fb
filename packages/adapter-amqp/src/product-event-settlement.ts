import type { ConfirmChannel, ConsumeMessage, MessagePropertyHeaders } from 'amqplib'
import { copyOptions, FAILURE_HEADERS } from './failure-headers.js'
import type { ProductEventOutcome } from './product-event-outcome.js'
import type { ConfirmedPublisher } from './publish-confirmed.js'

/** Counters the consumer reports (for metrics). `consumed` counts deliveries, redeliveries included. */
export type ProductEventsCounter = 'consumed' | 'applied' | 'ignored' | 'retried' | 'dead_lettered'

export interface ProductEventSettlementOptions {
  deadLetterQueue: string
  /**
   * The consumer's channel now. A copy confirmed, an ack or a requeue due on any other channel is not
   * trusted: that channel was dropped (lost, or a copy on it was returned as unroutable).
   */
  currentChannel: () => ConfirmChannel | undefined
  /** Called on every counter change. Must not throw. */
  onCount?: (counter: ProductEventsCounter, by: number) => void
  /** Handled problems worth a log line. Must not throw. */
  onWarn?: (message: string, error?: unknown) => void
}

/** Delay before a message whose copy could not be published is handed back to the queue. */
const REQUEUE_DELAY_MS = 1_000

/**
 * Settles a product event once its outcome is known: applied or ignored is acked; a failure is copied to
 * a retry queue or the DLQ, and the original acked only once the broker confirmed the copy as routed.
 * What cannot be settled is handed back to the queue after a delay. Counts and logs each ending.
 */
export class ProductEventSettlement {
  constructor(private readonly options: ProductEventSettlementOptions) {}

  /** Routes the outcome, then acks the original; throws (nothing acked) if that cannot be done safely. */
  async settle(
    channel: ConfirmChannel,
    publisher: ConfirmedPublisher,
    message: ConsumeMessage,
    outcome: ProductEventOutcome,
  ): Promise<void> {
    await this.route(publisher, message, outcome)
    if (this.options.currentChannel() !== channel)
      throw new Error('[orders] [amqp] channel lost before the ack')
    channel.ack(message)
  }

  /** A message that could not be settled: logged, and handed back to the queue after a delay. */
  requeueLater(channel: ConfirmChannel, message: ConsumeMessage, error: unknown): void {
    this.warn('[orders] [amqp] could not settle a product event; it will be redelivered', error)
    setTimeout(() => this.requeue(channel, message), REQUEUE_DELAY_MS).unref()
  }

  count(counter: ProductEventsCounter): void {
    this.options.onCount?.(counter, 1)
  }

  warn(message: string, error?: unknown): void {
    this.options.onWarn?.(message, error)
  }

  /**
   * Hands a message back to the queue. Runs from a timer, outside any promise: once the channel's connection
   * has begun closing (a reset, a shutdown), amqplib refuses every send by throwing, before the channel's
   * `close` clears the consumer's channel. The broker redelivers an unsettled message when its channel is
   * gone, so a refused requeue is logged, never thrown from the timer (that would end the process).
   */
  private requeue(channel: ConfirmChannel, message: ConsumeMessage): void {
    if (this.options.currentChannel() !== channel) return
    try {
      channel.nack(message, false, true)
    } catch (error) {
      this.warn(
        isClosingError(error)
          ? '[orders] [amqp] channel closing, product event not requeued; the broker redelivers it'
          : '[orders] [amqp] could not requeue a product event; the broker redelivers it when its channel closes',
        error,
      )
    }
  }

  private async route(publisher: ConfirmedPublisher, message: ConsumeMessage, outcome: ProductEventOutcome) {
    if (outcome.kind === 'applied' || outcome.kind === 'ignored') return this.count(outcome.kind)
    if (outcome.kind === 'retry') {
      await this.copyTo(publisher, message, outcome.queue.name, {
        [FAILURE_HEADERS.attempts]: outcome.attempts,
        [FAILURE_HEADERS.retryReason]: outcome.reason,
      })
      this.count('retried')
      return this.warn(
        `[orders] [amqp] product event retried in ${outcome.queue.delayMs} ms: ${outcome.reason}`,
      )
    }
    await this.copyTo(publisher, message, this.options.deadLetterQueue, {
      [FAILURE_HEADERS.attempts]: outcome.attempts,
      [FAILURE_HEADERS.deathReason]: outcome.reason,
      [FAILURE_HEADERS.deadLetteredAt]: new Date().toISOString(),
    })
    this.count('dead_lettered')
    this.warn(`[orders] [amqp] product event dead-lettered: ${outcome.reason}`)
  }

  /**
   * Publishes a copy of `message` straight to `queue` (default exchange); resolves once it is confirmed and
   * known to be routed. The broker confirms an unroutable copy too, right after returning it, and the
   * `return` handler has then dropped the channel: a copy confirmed on a dropped channel is not trusted.
   */
  private async copyTo(
    publisher: ConfirmedPublisher,
    message: ConsumeMessage,
    queue: string,
    headers: MessagePropertyHeaders,
  ): Promise<void> {
    await publisher.publish({
      exchange: '',
      routingKey: queue,
      content: message.content,
      options: copyOptions(message, headers),
    })
    if (this.options.currentChannel() !== publisher.channel)
      throw new Error(`[orders] [amqp] copy to ${queue} returned (or its channel lost) before known routed`)
  }
}

/** amqplib's `IllegalOperationError`: ack, nack and publish throw it at once on a closing or closed channel. */
function isClosingError(error: unknown): boolean {
  return error instanceof Error && error.name === 'IllegalOperationError'
}
