import type { ChannelModel } from 'amqplib'
import { type BackoffOptions, backoffDelay } from './backoff.js'
import type { AmqpParticipant } from './connection-options.js'
import { AmqpSetupError } from './setup-error.js'

/** One attached participant and the state of its setups. */
export interface ParticipantEntry {
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

export interface ConnectionParticipantsOptions {
  /** Whether `model` is still the connection's current one and the connection is not closing. */
  isCurrent: (model: ChannelModel) => boolean
  /** Reports a failed setup (the connection's `error` event). */
  onSetupFailure: (error: AmqpSetupError) => void
  /** Backoff between the setup attempts of a failing participant. */
  reconnect?: BackoffOptions
}

export const connectionClosedError = () => new Error('[orders] [amqp] connection closed')

/**
 * The participants attached to an {@link AmqpConnection}, in attach order, and their setups: each setup's
 * failure is the participant's own (reported, retried alone with backoff), and `ready` resolves on its first
 * success. The connection decides when to set them up; this keeps track of who is set up and who is failing.
 */
export class ConnectionParticipants {
  private readonly entries: ParticipantEntry[] = []

  constructor(private readonly options: ConnectionParticipantsOptions) {}

  /** The participants whose setup keeps failing right now. */
  get setupFailures(): readonly AmqpSetupError[] {
    return this.entries.flatMap((entry) => (entry.failure ? [entry.failure] : []))
  }

  /** Adds a participant, set up at once on `model` when given; returns its `ready` (first setup done). */
  add(participant: AmqpParticipant, model: ChannelModel | undefined): Promise<void> {
    let resolveReady!: () => void
    let rejectReady!: (error: Error) => void
    const ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve
      rejectReady = reject
    })
    ready.catch(() => {})
    const entry: ParticipantEntry = {
      participant,
      ready,
      resolveReady,
      rejectReady,
      failure: undefined,
      retry: undefined,
      setups: new Set(),
    }
    this.entries.push(entry)
    if (model) void this.setUp(model, entry)
    return ready
  }

  /**
   * Removes a participant: no more retries, its pending `ready` rejects. Returns what settles once its running
   * setups ended (so a `shutdown` after it sees what they opened), or `undefined` if it was not attached.
   */
  remove(participant: AmqpParticipant): Promise<unknown> | undefined {
    const index = this.entries.findIndex((e) => e.participant === participant)
    if (index < 0) return undefined
    const [entry] = this.entries.splice(index, 1)
    clearTimeout(entry?.retry)
    entry?.rejectReady(connectionClosedError())
    return Promise.all(entry?.setups ?? [])
  }

  /**
   * The next participant to set up on a fresh connection that is not in `visited`. Participants are attached
   * and detached while those setups run: the walk goes by identity, not by index (a detach shifted the array
   * and skipped the next participant until the next reconnect).
   */
  nextNotIn(visited: ReadonlySet<ParticipantEntry>): ParticipantEntry | undefined {
    return this.entries.find((candidate) => !visited.has(candidate))
  }

  /**
   * Sets one participant up (see {@link trySetUp}), tracked in `entry.setups` while it runs; never throws.
   * Returns the setup's own promise, not a wrapper: a wrapper's extra turn let the caller of the last `start()`
   * run before the connection emitted `connected`.
   */
  setUp(model: ChannelModel, entry: ParticipantEntry): Promise<void> {
    const running = this.trySetUp(model, entry)
    entry.setups.add(running)
    void running.then(() => entry.setups.delete(running))
    return running
  }

  /** The connection is gone: no more retries on it; every participant forgets its channels. */
  disconnected(error: Error | undefined): void {
    for (const entry of this.entries) {
      clearTimeout(entry.retry)
      entry.participant.disconnected?.(error)
    }
  }

  /** Stops every retry (the connection is closing). */
  stopRetries(): void {
    for (const entry of this.entries) clearTimeout(entry.retry)
  }

  /**
   * Shuts participants down, last attached first, while `isOpen()` (a failure goes to `onError`), and fails
   * the `ready` of those never set up.
   */
  async shutdownAll(isOpen: () => boolean, onError: (error: Error) => void): Promise<void> {
    for (const entry of [...this.entries].reverse()) {
      if (isOpen()) await entry.participant.shutdown?.().catch(onError)
      entry.rejectReady(connectionClosedError())
    }
  }

  /** Sets one participant up. Its failure is its own: reported, retried alone with backoff; never throws. */
  private async trySetUp(model: ChannelModel, entry: ParticipantEntry): Promise<void> {
    entry.retry = undefined
    const current = () => this.options.isCurrent(model) && this.entries.includes(entry)
    if (!current()) return
    try {
      await entry.participant.setup(model)
    } catch (error) {
      if (!current()) return // the connection went down meanwhile: the next connection sets it up again
      const attempt = (entry.failure?.attempt ?? 0) + 1
      const delayMs = backoffDelay(attempt, this.options.reconnect)
      const name = entry.participant.name ?? entry.participant.constructor.name
      entry.failure = new AmqpSetupError(name, attempt, delayMs, error)
      this.options.onSetupFailure(entry.failure)
      entry.retry = setTimeout(() => void this.setUp(model, entry), delayMs)
      return
    }
    entry.failure = undefined
    entry.resolveReady()
  }
}
