import type { ChannelModel } from 'amqplib'
import type { BackoffOptions } from './backoff.js'

/** Something that lives on the connection (the consumer, the publisher, the RPC client). */
export interface AmqpParticipant {
  /** Shown in setup failures. @default the class name */
  readonly name?: string
  /**
   * Runs on every (re)connection: open channels, assert topology, start consuming. Throwing fails this
   * participant only: it is retried alone with backoff while the connection stays up for the others. A
   * failing setup must leave no channel of its own open.
   */
  setup(model: ChannelModel): Promise<void>
  /** The connection is gone: forget its channels and fail whatever waits on them. */
  disconnected?(error: Error | undefined): void
  /**
   * Graceful stop, called by `close()` (or `detach`) while the connection is still open; `detach` calls it
   * only once this participant's running setup has ended, so it sees (and closes) what that setup opened.
   */
  shutdown?(): Promise<void>
}

export interface AmqpConnectionOptions {
  /** e.g. `amqp://guest:guest@127.0.0.1:5672`. */
  url: string
  /** Shown as the connection name in the RabbitMQ management UI. @default 'order-service' */
  name?: string
  reconnect?: BackoffOptions
  /** @default 10 */
  heartbeatSeconds?: number
  /** TCP connect and handshake timeout. @default 5000 */
  connectTimeoutMs?: number
}
