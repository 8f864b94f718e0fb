import type { Channel, ConfirmChannel, Options } from 'amqplib'

/** One message for a confirm channel. */
export interface ConfirmedMessage {
  exchange: string
  routingKey: string
  content: Buffer
  options: Options.Publish
}

/** Resolves when the channel can take more (`drain`) or is gone (`close`): never waits forever. */
function writable(channel: Channel): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      channel.off('drain', done)
      channel.off('close', done)
      resolve()
    }
    channel.on('drain', done)
    channel.on('close', done)
  })
}

/**
 * Publishes on a confirm channel and resolves only when the broker confirms (acks) the message; rejects on a
 * nack or when the channel closes first. Honours back-pressure: when amqplib's buffer is full, the next
 * publish waits for `drain`.
 */
export class ConfirmedPublisher {
  private blocked: Promise<void> | undefined

  constructor(readonly channel: ConfirmChannel) {}

  async publish(message: ConfirmedMessage): Promise<void> {
    while (this.blocked) await this.blocked
    let flushed: boolean = true
    const confirmed = new Promise<void>((resolve, reject) => {
      try {
        const onConfirm = (error: unknown) => (error ? reject(asError(error)) : resolve())
        const { exchange, routingKey, content, options } = message
        flushed = this.channel.publish(exchange, routingKey, content, options, onConfirm)
      } catch (error) {
        reject(asError(error))
      }
    })
    if (!flushed && !this.blocked) {
      this.blocked = writable(this.channel).finally(() => {
        this.blocked = undefined
      })
    }
    return confirmed
  }
}

function asError(error: unknown): Error {
  return error instanceof Error
    ? error
    : new Error(`[orders] [amqp] broker refused the message: ${String(error)}`)
}
