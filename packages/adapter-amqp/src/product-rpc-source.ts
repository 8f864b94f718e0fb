import { randomUUID } from 'node:crypto'
import { dependencyUnavailable, type ProductSource, type ProductSourceResult } from '@orders/core'
import type { Channel, ChannelModel, ConsumeMessage, Message } from 'amqplib'
import type { AmqpConnection, AmqpParticipant } from './connection.js'
import { readProductRpcReply } from './message-contract.js'
import { checkReplyCoversRequest } from './product-rpc-reply.js'
import { DEFAULT_PRODUCT_RPC_QUEUE } from './topology.js'

export interface ProductRpcSourceOptions {
  connection: AmqpConnection
  /** The queue ProductService answers on. @default 'product.rpc' */
  queue?: string
  /** @default 2000 */
  timeoutMs?: number
  /** Replies that arrive after their request timed out (for metrics). Must not throw. */
  onLateReply?: () => void
}

/** RabbitMQ's direct reply-to pseudo queue: no reply queue to declare, replies come to this channel. */
const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to'

interface Pending {
  ids: string[]
  resolve: (result: ProductSourceResult) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/**
 * The ProductSource port over RabbitMQ RPC: `{ productIds }` on `product.rpc` with direct reply-to and a
 * correlation id, `mandatory` so a missing responder queue fails at once. Times out after `timeoutMs`
 * (the request also expires in the queue then); late replies are ignored. Every failure is
 * DEPENDENCY_UNAVAILABLE.
 * @example
 * const source = amqpProductSource({ connection, timeoutMs: 2000 })
 * await source.start()
 */
export class ProductRpcSource implements ProductSource, AmqpParticipant {
  readonly name = 'product RPC source'
  readonly queue: string
  readonly timeoutMs: number
  private channel: Channel | undefined
  private readonly pending = new Map<string, Pending>()

  constructor(private readonly options: ProductRpcSourceOptions) {
    this.queue = options.queue ?? DEFAULT_PRODUCT_RPC_QUEUE
    this.timeoutMs = options.timeoutMs ?? 2_000
  }

  /** Opens the channel and starts consuming replies; resolves once ready (after the first connect). */
  start(): Promise<void> {
    return this.options.connection.attach(this)
  }

  stop(): Promise<void> {
    return this.options.connection.detach(this)
  }

  async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel()
    channel.on('error', () => {})
    channel.on('close', () => {
      if (this.channel !== channel) return
      this.fail(channel, 'the RPC channel closed')
      this.options.connection.reset(new Error('[orders] [amqp] RPC channel closed'))
    })
    channel.on('return', (message: Message) => this.settle(message.properties.correlationId, 'no responder'))
    // Direct reply-to: consume the pseudo queue in no-ack mode on the channel that publishes the requests.
    await channel.consume(DIRECT_REPLY_TO, (message) => message && this.onReply(message), { noAck: true })
    this.channel = channel
  }

  disconnected(): void {
    if (this.channel) this.fail(this.channel, 'connection lost')
  }

  async shutdown(): Promise<void> {
    const channel = this.channel
    if (!channel) return
    this.fail(channel, 'shutting down')
    await channel.close().catch(() => {})
  }

  async fetch(productIds: readonly string[]): Promise<ProductSourceResult> {
    const ids = [...new Set(productIds)]
    if (ids.length === 0) return { products: [], missing: [] }
    const channel = this.channel
    if (!channel) throw dependencyUnavailable('amqp-rpc', 'not connected to the broker')
    const correlationId = randomUUID()
    return new Promise<ProductSourceResult>((resolve, reject) => {
      const timer = setTimeout(
        () => this.settle(correlationId, `no reply within ${this.timeoutMs} ms`),
        this.timeoutMs,
      )
      this.pending.set(correlationId, { ids, resolve, reject, timer })
      try {
        channel.sendToQueue(this.queue, Buffer.from(JSON.stringify({ productIds: ids })), {
          replyTo: DIRECT_REPLY_TO,
          correlationId,
          mandatory: true,
          contentType: 'application/json',
          expiration: String(this.timeoutMs),
        })
      } catch (error) {
        this.settle(correlationId, error instanceof Error ? error.message : String(error))
      }
    })
  }

  private onReply(message: ConsumeMessage): void {
    const correlationId = message.properties.correlationId
    const request = this.pending.get(correlationId)
    if (!request) {
      this.options.onLateReply?.()
      return
    }
    const read = readProductRpcReply(message.content)
    const checked = read.ok ? checkReplyCoversRequest(request.ids, read.value) : read
    if (checked.ok) this.settle(correlationId, undefined, checked.value)
    else this.settle(correlationId, `invalid reply: ${checked.reason}`)
  }

  /** Ends one request: with the result, or (when `failure` is set) DEPENDENCY_UNAVAILABLE. */
  private settle(correlationId: unknown, failure: string | undefined, result?: ProductSourceResult): void {
    const request = typeof correlationId === 'string' ? this.pending.get(correlationId) : undefined
    if (!request) return
    this.pending.delete(correlationId as string)
    clearTimeout(request.timer)
    if (failure === undefined && result) request.resolve(result)
    else request.reject(dependencyUnavailable('amqp-rpc', `${this.queue}: ${failure}`))
  }

  private fail(channel: Channel, why: string): void {
    if (this.channel === channel) this.channel = undefined
    for (const id of [...this.pending.keys()]) this.settle(id, why)
  }
}

/** Creates the product RPC client (see {@link ProductRpcSource}); call `start()` before use. */
export function amqpProductSource(options: ProductRpcSourceOptions): ProductRpcSource {
  return new ProductRpcSource(options)
}
