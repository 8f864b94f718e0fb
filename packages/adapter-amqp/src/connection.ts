import { type ChannelModel, connect } from 'amqplib'
import { backoffDelay } from './backoff.js'
import { ConnectionEvents } from './connection-events.js'
import type { AmqpConnectionOptions, AmqpParticipant } from './connection-options.js'
import {
  ConnectionParticipants,
  connectionClosedError,
  type ParticipantEntry,
} from './connection-participants.js'
import type { AmqpSetupError } from './setup-error.js'

export type { AmqpConnectionOptions, AmqpParticipant } from './connection-options.js'

/** The heartbeat is a URL parameter for amqplib; one already in the URL wins. */
function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url)
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds))
  return parsed.toString()
}

/**
 * One AMQP connection that keeps itself up: it connects at once, and after any loss reconnects with backoff
 * and jitter, then runs every participant's `setup` again (topology, channels, consumers) in the order they
 * were attached. Listen with `on('connected' | 'disconnected' | 'reconnecting' | 'error')`.
 * @example
 * const connection = amqpConnection({ url: process.env.AMQP_URL! })
 * connection.on('disconnected', () => log.warn('broker lost'))
 * await connection.close()
 */
export class AmqpConnection extends ConnectionEvents {
  private model: ChannelModel | undefined
  private closing = false
  private connected = false
  private readonly participants: ConnectionParticipants
  private wake: (() => void) | undefined
  private readonly waiters = new Set<(error?: Error) => void>()
  private readonly loop: Promise<void>

  constructor(private readonly options: AmqpConnectionOptions) {
    super()
    this.participants = new ConnectionParticipants({
      isCurrent: (model) => this.model === model && !this.closing,
      onSetupFailure: (error) => this.emit('error', error),
      reconnect: options.reconnect,
    })
    this.loop = this.run()
  }

  /** True while connected (every participant's setup ran; the failing ones are in `setupFailures`). */
  get isConnected(): boolean {
    return this.connected
  }

  /** The participants whose setup keeps failing (each retried alone with backoff); empty when all are up. */
  get setupFailures(): readonly AmqpSetupError[] {
    return this.participants.setupFailures
  }

  /** Adds a participant; resolves once its first setup is done (now if connected, else on the next connect). */
  attach(participant: AmqpParticipant): Promise<void> {
    if (this.closing) return Promise.reject(connectionClosedError())
    return this.participants.add(participant, this.connected ? this.model : undefined)
  }

  /** Stops a participant and removes it; the connection stays up for the others. */
  async detach(participant: AmqpParticipant): Promise<void> {
    const setupsEnded = this.participants.remove(participant)
    if (!setupsEnded) return
    // A setup still running would open its channels after `shutdown` found none to close.
    await setupsEnded
    if (this.model) await participant.shutdown?.()
  }

  /**
   * Drops the current connection (after an unexpected channel failure); the loop reconnects. Deferred one
   * turn: when the whole connection is going down its channels close first, and that is no extra failure.
   */
  reset(error: unknown): void {
    const model = this.model
    if (!model) return
    setImmediate(() => {
      if (this.model !== model) return
      this.emit('error', error instanceof Error ? error : new Error(String(error)))
      this.model = undefined
      model.close().catch(() => {})
    })
  }

  /** Resolves once connected (rejects after `timeoutMs`, or if closed first). */
  async waitUntilConnected(timeoutMs = 30_000): Promise<void> {
    if (this.connected) return
    if (this.closing) throw connectionClosedError()
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error('[orders] [amqp] not connected in time')), timeoutMs)
      const done = (error?: Error) => {
        clearTimeout(timer)
        this.off('connected', onConnected)
        this.waiters.delete(done)
        if (error) reject(error)
        else resolve()
      }
      const onConnected = () => done()
      this.on('connected', onConnected)
      this.waiters.add(done)
    })
  }

  /** Graceful shutdown: stops participants (last attached first), closes the connection, stops reconnecting. */
  async close(): Promise<void> {
    if (this.closing) return this.loop
    this.closing = true
    for (const waiter of this.waiters) waiter(connectionClosedError())
    this.participants.stopRetries()
    await this.participants.shutdownAll(
      () => this.model !== undefined,
      (error) => this.emit('error', error),
    )
    this.wake?.()
    await this.model?.close().catch(() => {})
    await this.loop
  }

  private async run(): Promise<void> {
    let attempt = 0
    while (!this.closing) {
      let error: Error | undefined
      try {
        error = await this.connectOnce(() => {
          attempt = 0
        })
      } catch (connectError) {
        error = connectError as Error
      }
      if (this.closing) break
      attempt += 1
      const delayMs = backoffDelay(attempt, this.options.reconnect)
      this.emit('reconnecting', { attempt, delayMs, error })
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.wake = undefined
    }
  }

  /** One connection's life: connect, set everyone up, wait until it closes. Returns why it closed. */
  private async connectOnce(onConnected: () => void): Promise<Error | undefined> {
    const model = await connect(withHeartbeat(this.options.url, this.options.heartbeatSeconds ?? 10), {
      timeout: this.options.connectTimeoutMs ?? 5_000,
      clientProperties: { connection_name: this.options.name ?? 'order-service' },
    })
    const closed = new Promise<Error | undefined>((resolve) =>
      model.once('close', (error?: Error) => {
        if (this.model === model) this.model = undefined // setups still running see the loss at once
        resolve(error)
      }),
    )
    model.on('error', (error: Error) => this.emit('error', error))
    if (this.closing) {
      await model.close().catch(() => {})
      return undefined
    }
    this.model = model
    // Awaited here, not in an async helper: its extra turn would let the caller of the last `start()` run
    // before `connected` (see `ConnectionParticipants.setUp`). Walked by identity (see `nextNotIn`).
    const visited = new Set<ParticipantEntry>()
    for (;;) {
      const entry = this.participants.nextNotIn(visited)
      if (!entry) break
      visited.add(entry)
      await this.participants.setUp(model, entry)
    }
    if (this.model === model) {
      this.connected = true
      onConnected()
      this.emit('connected', undefined)
    }
    const closeError = await closed
    const wasConnected = this.connected
    this.connected = false
    this.model = undefined
    this.participants.disconnected(closeError)
    if (wasConnected) this.emit('disconnected', closeError)
    return closeError
  }
}

/** Creates the self-healing connection (see {@link AmqpConnection}); it starts connecting at once. */
export function amqpConnection(options: AmqpConnectionOptions): AmqpConnection {
  return new AmqpConnection(options)
}
