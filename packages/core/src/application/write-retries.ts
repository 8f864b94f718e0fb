import { OrderServiceError } from '../domain/errors.js'
import type { ServiceContext } from './context.js'

/** Returned by an attempt whose conditional write lost a version race. */
export const LOST_RACE = Symbol('lost-race')
export type Attempt<T> = () => Promise<T | typeof LOST_RACE>

/**
 * Runs a read-modify-write attempt. With an `expectedVersion` (HTTP If-Match) a lost race is
 * VERSION_CONFLICT at once; without one it is retried with full-jitter exponential backoff and
 * becomes CONCURRENT_UPDATE after `maxWriteAttempts`.
 */
export async function withWriteRetries<T>(
  ctx: ServiceContext,
  expectedVersion: number | undefined,
  attempt: Attempt<T>,
): Promise<T> {
  if (expectedVersion !== undefined) {
    const result = await attempt()
    if (result === LOST_RACE) throw versionConflict(expectedVersion)
    return result
  }
  const { maxWriteAttempts, retryBaseDelayMs } = ctx.options
  for (let n = 1; n <= maxWriteAttempts; n++) {
    const result = await attempt()
    if (result !== LOST_RACE) return result
    ctx.telemetry.count('write_conflict_retry')
    if (n < maxWriteAttempts) await sleep(Math.random() * retryBaseDelayMs * 2 ** Math.min(n, 7))
  }
  throw new OrderServiceError(
    'CONCURRENT_UPDATE',
    `the write lost ${maxWriteAttempts} races in a row; try again`,
  )
}

export function assertExpectedVersion(actual: number, expected: number | undefined): void {
  if (expected !== undefined && actual !== expected) throw versionConflict(expected, actual)
}

/**
 * No stored version is negative: a negative `expected` names no version at all (HTTP passes -1 for an
 * If-Match tag that is not a version), so the error does not echo it.
 */
function versionConflict(expected: number, actual?: number): OrderServiceError {
  const named = expected >= 0
  return new OrderServiceError(
    'VERSION_CONFLICT',
    named ? `version ${expected} is stale` : 'the expected version matches no version',
    {
      details: {
        ...(named ? { expectedVersion: expected } : {}),
        ...(actual === undefined ? {} : { currentVersion: actual }),
      },
    },
  )
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
