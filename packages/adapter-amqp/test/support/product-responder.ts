import type { ProductData } from '@orders/core'
import { readProductRpcRequest } from '../../src/index.js'
import type { BrokerFixture } from './broker.js'

/**
 * Plays ProductService on an RPC queue: validates each request against the contract and answers from its
 * catalog, after `delayMs`, or with `reply` when set (to send malformed answers).
 */
export class ProductResponder {
  catalog = new Map<string, ProductData>()
  delayMs = 0
  reply: ((productIds: string[]) => unknown) | undefined
  /** Request bodies that broke `product-rpc-request.schema.json`. */
  readonly invalidRequests: string[] = []
  requests = 0

  private constructor() {}

  static async serve(fixture: BrokerFixture, queue: string): Promise<ProductResponder> {
    const responder = new ProductResponder()
    fixture.trackQueues(queue)
    const channel = await fixture.model.createChannel()
    await channel.assertQueue(queue, { durable: false })
    await channel.consume(
      queue,
      (message) => {
        if (!message) return
        responder.requests += 1
        const read = readProductRpcRequest(message.content)
        if (!read.ok) {
          responder.invalidRequests.push(read.reason)
          return
        }
        const answer = responder.answer(read.value.productIds)
        setTimeout(() => {
          try {
            channel.sendToQueue(message.properties.replyTo, Buffer.from(JSON.stringify(answer)), {
              correlationId: message.properties.correlationId,
              contentType: 'application/json',
            })
          } catch (error) {
            // A delayed reply due after the fixture closed: amqplib refuses the send, nobody waits for it.
            if ((error as Error).name !== 'IllegalOperationError') throw error
          }
        }, responder.delayMs)
      },
      { noAck: true },
    )
    return responder
  }

  private answer(productIds: string[]): unknown {
    if (this.reply) return this.reply(productIds)
    return {
      products: productIds.flatMap((id) => {
        const product = this.catalog.get(id)
        return product ? [product] : []
      }),
      missing: productIds.filter((id) => !this.catalog.has(id)),
    }
  }
}
