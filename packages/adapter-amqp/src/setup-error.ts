/**
 * A participant's setup failed on a live connection (e.g. PRECONDITION_FAILED: its queue exists with other
 * arguments). The connection stays up for the other participants and retries this one alone after `delayMs`.
 * Emitted as the connection's `error` event and listed in `connection.setupFailures` until a retry succeeds.
 */
export class AmqpSetupError extends Error {
  constructor(
    /** The participant's `name` (or its class name). */
    readonly participant: string,
    /** Consecutive failed attempts, 1-based. */
    readonly attempt: number,
    /** When the next attempt runs. */
    readonly delayMs: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(
      `[orders] [amqp] setup of ${participant} failed (attempt ${attempt}, retrying in ${delayMs} ms): ${reason}`,
      { cause },
    )
    this.name = 'AmqpSetupError'
  }
}
