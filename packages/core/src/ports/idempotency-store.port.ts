export interface StoredResponse {
  status: number
  body: unknown
}

export interface IdempotencyRecord {
  userId: string
  key: string
  /** Hash of method, route and canonical body. */
  fingerprint: string
  state: 'in_progress' | 'done'
  response: StoredResponse | null
  /** ISO time after which the record is gone (24 h by default). */
  expiresAt: string
  /** ISO time after which an `in_progress` record is considered abandoned and may be claimed again. */
  lockedUntil: string
}

export type ClaimResult = { claimed: true } | { claimed: false; existing: IdempotencyRecord }

/** Remembers responses to requests sent with an Idempotency-Key, scoped by `{userId, key}`. */
export interface IdempotencyStore {
  /**
   * Atomically stores `record` (state `in_progress`) if no live record exists for `{userId, key}`,
   * or the existing one has expired, or it is `in_progress` past its `lockedUntil`.
   * Otherwise returns the existing record. Exactly one of concurrent claims wins.
   */
  claim(record: IdempotencyRecord): Promise<ClaimResult>

  /** Marks the claimed record `done` with the response to replay. */
  complete(userId: string, key: string, response: StoredResponse): Promise<void>

  /** Drops an `in_progress` record so the request can be retried (a transient failure). */
  release(userId: string, key: string): Promise<void>

  /** Removes up to `limit` expired records; returns how many. */
  purgeExpired(options: { limit: number }): Promise<number>
}
