/** Reconnect backoff: exponential, capped, with jitter. */
export interface BackoffOptions {
  /** Delay before the first reconnect attempt. @default 100 */
  initialDelayMs?: number
  /** Upper bound of any delay. @default 10000 */
  maxDelayMs?: number
  /** Growth per failed attempt. @default 2 */
  factor?: number
}

/**
 * The delay before reconnect attempt `attempt` (1-based): "equal jitter", i.e. uniformly between half and
 * all of `min(max, initial * factor^(attempt-1))`. Half is kept so a delay never collapses to ~0 (a
 * reconnect storm), the random half spreads many instances apart after a broker restart.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const initial = options.initialDelayMs ?? 100
  const max = options.maxDelayMs ?? 10_000
  const factor = options.factor ?? 2
  const base = Math.min(max, initial * factor ** Math.max(0, attempt - 1))
  return Math.round(base / 2 + random() * (base / 2))
}
