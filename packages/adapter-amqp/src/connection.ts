import { type ChannelModel, connect } from 'amqplib'
import { type BackoffOptions, backoffDelay } from './backoff.js'
import { ConnectionEvents } from './connection-events.js'

/** Something that lives on the connection (the consumer, the publisher, the RPC client). */
export interface AmqpParticipant {
  /** Runs on every (re)connection: open channels, assert topology, start consuming. Throwing drops the connection. */
  setup(model: ChannelModel): Promise<void>
  /** The connection is gone: forget its channels and fail whatever waits on them. */
  disconnected?(error: Error | undefined): void
  /** Graceful stop, called by `close()` (or `detach`) while the connection is still open. */
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

interface Entry {
  participant: AmqpParticipant
  ready: Promise<void>
  resolveReady: () => void
  rejectReady: (error: Error) => void
  isSetUp: boolean
}

/** The heartbeat is a URL parameter for amqplib; one already in the URL wins. */
function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url)
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds))
  return parsed.toString()
}

const closedError = () => new Error('[orders] [amqp] connection closed')

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
  private readonly entries: Entry[] = []
  private wake: (() => void) | undefined
  private readonly loop: Promise<void>

  constructor(private readonly options: AmqpConnectionOptions) {
    super()
    this.loop = this.run()
  }

  /** True while connected and every participant is set up. */
  get isConnected(): boolean {
    return this.connected
  }

  /** Adds a participant; resolves once its first setup is done (now if connected, else on the next connect). */
  attach(participant: AmqpParticipant): Promise<void> {
    if (this.closing) return Promise.reject(closedError())
    let resolveReady!: () => void
    let rejectReady!: (error: Error) => void
    const ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve
      rejectReady = reject
    })
    ready.catch(() => {})
    const entry: Entry = { participant, ready, resolveReady, rejectReady, isSetUp: false }
    this.entries.push(entry)
    const model = this.model
    if (this.connected && model) this.setUp(model, entry).catch((error) => this.reset(error))
    return ready
  }

  /** Stops a participant and removes it; the connection stays up for the others. */
  async detach(participant: AmqpParticipant): Promise<void> {
    const index = this.entries.findIndex((e) => e.participant === participant)
    if (index < 0) return
    const [entry] = this.entries.splice(index, 1)
    entry?.rejectReady(closedError())
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
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error('[orders] [amqp] not connected in time')), timeoutMs)
      const done = (error?: Error) => {
        clearTimeout(timer)
        this.off('connected', onConnected)
        if (error) reject(error)
        else resolve()
      }
      const onConnected = () => done()
      this.on('connected', onConnected)
    })
  }

  /** Graceful shutdown: stops participants (last attached first), closes the connection, stops reconnecting. */
  async close(): Promise<void> {
    if (this.closing) return this.loop
    this.closing = true
    for (const entry of [...this.entries].reverse()) {
      if (this.model) await entry.participant.shutdown?.().catch((error) => this.emit('error', error))
      entry.rejectReady(closedError())
    }
    this.wake?.()
    await this.model?.close().catch(() => {})
    await this.loop
  }

  private async setUp(model: ChannelModel, entry: Entry): Promise<void> {
    await entry.participant.setup(model)
    entry.isSetUp = true
    entry.resolveReady()
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
    const closed = new Promise<Error | undefined>((resolve) => model.once('close', resolve))
    model.on('error', (error: Error) => this.emit('error', error))
    if (this.closing) {
      await model.close().catch(() => {})
      return undefined
    }
    this.model = model
    let setupError: Error | undefined
    try {
      for (let i = 0; i < this.entries.length; i++) await this.setUp(model, this.entries[i]!)
    } catch (error) {
      setupError = error as Error
      this.reset(error)
    }
    if (!setupError && this.model === model) {
      this.connected = true
      onConnected()
      this.emit('connected', undefined)
    }
    const closeError = await closed
    const wasConnected = this.connected
    this.connected = false
    this.model = undefined
    for (const entry of this.entries) entry.participant.disconnected?.(closeError ?? setupError)
    if (wasConnected) this.emit('disconnected', closeError)
    return closeError ?? setupError
  }
}

/** Creates the self-healing connection (see {@link AmqpConnection}); it starts connecting at once. */
export function amqpConnection(options: AmqpConnectionOptions): AmqpConnection {
  return new AmqpConnection(options)
}
