import { type ChannelModel, connect } from 'amqplib'
import { backoffDelay } from './backoff.js'
import { ConnectionEvents } from './connection-events.js'
import type { AmqpConnectionOptions, AmqpParticipant } from './connection-options.js'
import { AmqpSetupError } from './setup-error.js'

export type { AmqpConnectionOptions, AmqpParticipant } from './connection-options.js'

interface Entry {
  participant: AmqpParticipant
  ready: Promise<void>
  resolveReady: () => void
  rejectReady: (error: Error) => void
  /** The last setup failure, until a setup succeeds. */
  failure: AmqpSetupError | undefined
  retry: NodeJS.Timeout | undefined
  /** Its setups still running: `detach` waits for them, or a setup ending after `shutdown` revives it. */
  setups: Set<Promise<void>>
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
  private readonly waiters = new Set<(error?: Error) => void>()
  private readonly loop: Promise<void>

  constructor(private readonly options: AmqpConnectionOptions) {
    super()
    this.loop = this.run()
  }

  /** True while connected (every participant's setup ran; the failing ones are in `setupFailures`). */
  get isConnected(): boolean {
    return this.connected
  }

  /** The participants whose setup keeps failing (each retried alone with backoff); empty when all are up. */
  get setupFailures(): readonly AmqpSetupError[] {
    return this.entries.flatMap((entry) => (entry.failure ? [entry.failure] : []))
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
    const entry: Entry = {
      participant,
      ready,
      resolveReady,
      rejectReady,
      failure: undefined,
      retry: undefined,
      setups: new Set(),
    }
    this.entries.push(entry)
    const model = this.model
    if (this.connected && model) void this.setUp(model, entry)
    return ready
  }

  /** Stops a participant and removes it; the connection stays up for the others. */
  async detach(participant: AmqpParticipant): Promise<void> {
    const index = this.entries.findIndex((e) => e.participant === participant)
    if (index < 0) return
    const [entry] = this.entries.splice(index, 1)
    clearTimeout(entry?.retry)
    entry?.rejectReady(closedError())
    // A setup still running would open its channels after `shutdown` found none to close.
    await Promise.all(entry?.setups ?? [])
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
    if (this.closing) throw closedError()
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
    for (const waiter of this.waiters) waiter(closedError())
    for (const entry of this.entries) clearTimeout(entry.retry)
    for (const entry of [...this.entries].reverse()) {
      if (this.model) await entry.participant.shutdown?.().catch((error) => this.emit('error', error))
      entry.rejectReady(closedError())
    }
    this.wake?.()
    await this.model?.close().catch(() => {})
    await this.loop
  }

  /**
   * Sets one participant up (see {@link trySetUp}), tracked in `entry.setups` while it runs; never throws.
   * Returns the setup's own promise, not a wrapper: a wrapper's extra turn let the caller of the last `start()`
   * run before the connection emitted `connected`.
   */
  private setUp(model: ChannelModel, entry: Entry): Promise<void> {
    const running = this.trySetUp(model, entry)
    entry.setups.add(running)
    void running.then(() => entry.setups.delete(running))
    return running
  }

  /** Sets one participant up. Its failure is its own: reported, retried alone with backoff; never throws. */
  private async trySetUp(model: ChannelModel, entry: Entry): Promise<void> {
    entry.retry = undefined
    const current = () => this.model === model && !this.closing && this.entries.includes(entry)
    if (!current()) return
    try {
      await entry.participant.setup(model)
    } catch (error) {
      if (!current()) return // the connection went down meanwhile: the next connection sets it up again
      const attempt = (entry.failure?.attempt ?? 0) + 1
      const delayMs = backoffDelay(attempt, this.options.reconnect)
      const name = entry.participant.name ?? entry.participant.constructor.name
      entry.failure = new AmqpSetupError(name, attempt, delayMs, error)
      this.emit('error', entry.failure)
      entry.retry = setTimeout(() => void this.setUp(model, entry), delayMs)
      return
    }
    entry.failure = undefined
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
    // Participants are attached and detached while these setups run: walk by identity, not by index
    // (a detach shifted the array and skipped the next participant until the next reconnect).
    const visited = new Set<Entry>()
    for (;;) {
      const entry = this.entries.find((candidate) => !visited.has(candidate))
      if (!entry) break
      visited.add(entry)
      await this.setUp(model, entry)
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
    for (const entry of this.entries) {
      clearTimeout(entry.retry)
      entry.participant.disconnected?.(closeError)
    }
    if (wasConnected) this.emit('disconnected', closeError)
    return closeError
  }
}

/** Creates the self-healing connection (see {@link AmqpConnection}); it starts connecting at once. */
export function amqpConnection(options: AmqpConnectionOptions): AmqpConnection {
  return new AmqpConnection(options)
}
