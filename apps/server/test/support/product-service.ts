import { randomUUID } from 'node:crypto'
import type { ProductData } from '@orders/core'
import { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, connect } from 'amqplib'
import { AMQP_URL, type Names } from './services.js'

export interface ReceivedEvent {
  type: string
  id: string
  subject: string
  data: Record<string, unknown>
  requestId: string | undefined
}

/**
 * Plays ProductService on the broker (publishes product events, answers product RPC) and listens
 * on order.events like a downstream service. Deletes every exchange and queue of the run on close.
 */
export class ProductServiceDouble {
  readonly catalog = new Map<string, ProductData>()
  readonly orderEvents: ReceivedEvent[] = []
  rpcRequests = 0

  private constructor(
    private readonly model: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly names: Names,
  ) {}

  /** Declares the order events exchange and a listening queue, and serves RPC. */
  static async start(names: Names): Promise<ProductServiceDouble> {
    const model = await connect(AMQP_URL)
    const channel = await model.createConfirmChannel()
    const double = new ProductServiceDouble(model, channel, names)
    await channel.assertExchange(names.orderExchange, 'topic', { durable: true })
    await channel.assertExchange(names.productExchange, 'topic', { durable: true })
    const listen = `${names.prefix}.listener`
    await channel.assertQueue(listen, { durable: false, exclusive: true })
    await channel.bindQueue(listen, names.orderExchange, '#')
    await channel.consume(listen, (message) => message && double.receive(message), { noAck: true })
    const rpc = await model.createChannel()
    await rpc.assertQueue(names.rpcQueue, { durable: false, autoDelete: false })
    await rpc.consume(names.rpcQueue, (message) => message && double.answer(rpc, message), { noAck: true })
    return double
  }

  /** Publishes a product event (envelope in the body, routing key = type) and waits for the broker's confirm. */
  async publish(
    type: 'product.created' | 'product.updated' | 'product.deleted',
    data: object,
  ): Promise<void> {
    const productId = (data as { productId: string }).productId
    const envelope = {
      id: randomUUID(),
      type,
      source: 'product-service',
      time: new Date().toISOString(),
      subject: productId,
      dataVersion: '1',
      data,
    }
    this.channel.publish(this.names.productExchange, type, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
    })
    await this.channel.waitForConfirms()
  }

  /** Publishes raw bytes on the product exchange (an invalid message). */
  async publishRaw(routingKey: string, body: string): Promise<void> {
    this.channel.publish(this.names.productExchange, routingKey, Buffer.from(body), { persistent: true })
    await this.channel.waitForConfirms()
  }

  /** Messages ready in a queue (e.g. the DLQ). */
  async depth(queue: string): Promise<number> {
    const probe = await this.model.createChannel()
    try {
      return (await probe.checkQueue(queue)).messageCount
    } finally {
      await probe.close().catch(() => {})
    }
  }

  events(type: string): ReceivedEvent[] {
    return this.orderEvents.filter((event) => event.type === type)
  }

  /** Deletes the exchanges and queues of the run (the server's product queues included). */
  async close(extraQueues: readonly string[] = []): Promise<void> {
    const n = this.names
    const cleanup = await this.model.createChannel()
    cleanup.on('error', () => {})
    for (const queue of [n.rpcQueue, n.productQueue, `${n.productQueue}.dlq`, ...extraQueues]) {
      await cleanup.deleteQueue(queue).catch(() => {})
    }
    for (const delay of [1000, 10000, 60000]) {
      await cleanup.deleteQueue(`${n.productQueue}.retry.${delay}ms`).catch(() => {})
    }
    await cleanup.deleteExchange(n.productExchange).catch(() => {})
    await cleanup.deleteExchange(n.orderExchange).catch(() => {})
    await this.model.close().catch(() => {})
  }

  private receive(message: ConsumeMessage): void {
    const body = JSON.parse(message.content.toString()) as ReceivedEvent
    const header = message.properties.headers?.['x-request-id']
    this.orderEvents.push({
      type: body.type,
      id: body.id,
      subject: body.subject,
      data: body.data,
      requestId: typeof header === 'string' ? header : undefined,
    })
  }

  private answer(channel: Channel, message: ConsumeMessage): void {
    this.rpcRequests += 1
    const { productIds } = JSON.parse(message.content.toString()) as { productIds: string[] }
    const reply = {
      products: productIds.flatMap((id) => (this.catalog.has(id) ? [this.catalog.get(id)] : [])),
      missing: productIds.filter((id) => !this.catalog.has(id)),
    }
    channel.sendToQueue(message.properties.replyTo, Buffer.from(JSON.stringify(reply)), {
      correlationId: message.properties.correlationId,
      contentType: 'application/json',
    })
  }
}
