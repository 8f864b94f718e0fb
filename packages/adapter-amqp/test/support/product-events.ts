import { randomUUID } from 'node:crypto'
import type { ProductData } from '@orders/core'
import type { ConfirmChannel } from 'amqplib'

export interface ProductEnvelope {
  id: string
  type: 'product.created' | 'product.updated' | 'product.deleted'
  source: string
  time: string
  subject: string
  dataVersion: '1'
  data: ProductData | { productId: string; version: number }
}

/** A product event envelope as ProductService sends it. */
export function aProductEvent(
  data: ProductData,
  type: ProductEnvelope['type'] = 'product.updated',
): ProductEnvelope {
  return {
    id: randomUUID(),
    type,
    source: 'product-service',
    time: new Date().toISOString(),
    subject: data.productId,
    dataVersion: '1',
    data,
  }
}

export function aProductDeletedEvent(productId: string, version: number): ProductEnvelope {
  return {
    ...aProductEvent({} as ProductData, 'product.deleted'),
    subject: productId,
    data: { productId, version },
  }
}

/** Publishes raw bodies to the exchange with the given routing key and waits for the broker's confirms. */
export async function publishRaw(
  channel: ConfirmChannel,
  exchange: string,
  messages: readonly { routingKey: string; body: string | Buffer }[],
): Promise<void> {
  for (const { routingKey, body } of messages) {
    channel.publish(exchange, routingKey, Buffer.isBuffer(body) ? body : Buffer.from(body), {
      persistent: true,
    })
  }
  await channel.waitForConfirms()
}

/** Publishes envelopes (routing key = type) and waits for the confirms. */
export function publishEvents(
  channel: ConfirmChannel,
  exchange: string,
  events: readonly ProductEnvelope[],
): Promise<void> {
  return publishRaw(
    channel,
    exchange,
    events.map((e) => ({ routingKey: e.type, body: JSON.stringify(e) })),
  )
}
