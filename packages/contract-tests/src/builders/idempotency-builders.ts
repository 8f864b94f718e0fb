import type { IdempotencyRecord } from '@orders/core'
import { uniqueId } from './unique-id.js'

/**
 * A freshly claimed record (`in_progress`, no response) of a unique `{userId, key}`, expiring 24 h
 * after `now` and locked for 30 s after it.
 * @example
 * const record = anIdempotencyRecord({ key: 'k-1' }, clock.now())
 */
export function anIdempotencyRecord(
  overrides: Partial<IdempotencyRecord> = {},
  now: Date = new Date(),
): IdempotencyRecord {
  return {
    userId: uniqueId('user'),
    key: uniqueId('key'),
    fingerprint: `POST /orders ${uniqueId('body')}`,
    state: 'in_progress',
    response: null,
    expiresAt: new Date(now.getTime() + 24 * 3_600_000).toISOString(),
    lockedUntil: new Date(now.getTime() + 30_000).toISOString(),
    claimId: uniqueId('claim'),
    ...overrides,
  }
}
