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
  /**
   * ISO time after which an `in_progress` record is considered abandoned and may be claimed again by a
   * retry of the same request (same `fingerprint`).
   */
  lockedUntil: string
  /**
   * Names this claim. A claim that takes over an abandoned record brings its own, so the request that
   * abandoned it can no longer complete or release it.
   */
  claimId: string
}

/** The claim `complete` and `release` act on: the record's scope and the id it was claimed with. */
export type IdempotencyClaim = Pick<IdempotencyRecord, 'userId' | 'key' | 'claimId'>

export type ClaimResult = { claimed: true } | { claimed: false; existing: IdempotencyRecord }

/** Remembers responses to requests sent with an Idempotency-Key, scoped by `{userId, key}`. */
export interface IdempotencyStore {
  /**
   * Atomically stores `record` (state `in_progress`) if no live record exists for `{userId, key}`,
   * or the existing one has expired, or it is `in_progress` past its `lockedUntil` and has the same
   * `fingerprint` (a retry of the request that abandoned it). Otherwise returns the existing record:
   * another request under an abandoned key must not take over the order or checkout it started.
   * Exactly one of concurrent claims wins.
   */
  claim(record: IdempotencyRecord): Promise<ClaimResult>

  /**
   * Marks the record `done` with the response to replay, if it still holds `claim` (it may have been
   * taken over after its lock passed); otherwise changes nothing and answers false.
   */
  complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean>

  /**
   * Drops the record so the request can be retried (a transient failure), if it is still `in_progress`
   * under `claim`; otherwise changes nothing.
   */
  release(claim: IdempotencyClaim): Promise<void>

  /** Removes up to `limit` expired records; returns how many. */
  purgeExpired(options: { limit: number }): Promise<number>
}
