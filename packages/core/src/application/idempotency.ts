import { OrderServiceError } from '../domain/errors.js'
import { LIMITS } from '../domain/limits.js'
import type { StoredResponse } from '../ports/idempotency-store.port.js'
import type { ServiceContext } from './context.js'

export interface IdempotentRequest {
  userId: string
  key: string
  /** From `fingerprintRequest()`. */
  fingerprint: string
}

export interface IdempotentOutcome {
  response: StoredResponse
  /** true when this is a stored response replayed (send `Idempotent-Replayed: true`). */
  replayed: boolean
}

/** Canonical JSON: object keys sorted at every depth, so equal bodies fingerprint equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** SHA-256 (hex) of method, route and canonical body. */
export async function fingerprintRequest(input: {
  method: string
  route: string
  body: unknown
}): Promise<string> {
  const text = `${input.method.toUpperCase()} ${input.route}\n${canonicalJson(input.body)}`
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export function assertIdempotencyKey(key: string): void {
  if (key.length === 0 || key.length > LIMITS.maxIdempotencyKeyLength || !/^[\x21-\x7e]+$/.test(key)) {
    throw new OrderServiceError(
      'MALFORMED_REQUEST',
      `Idempotency-Key must be 1-${LIMITS.maxIdempotencyKeyLength} visible ASCII characters`,
      { details: { header: 'Idempotency-Key' } },
    )
  }
}

/**
 * Runs `execute` at most once per `{userId, key}` (DESIGN §4): a repeat in progress is
 * IDEMPOTENCY_KEY_IN_USE, a repeat after completion replays the stored response, another body
 * under the same key is IDEMPOTENCY_KEY_REUSED. A failed `execute` releases the key so the client
 * can retry; only completed responses are stored. Completion and release name this run's claim, so a
 * run that outlived its lock cannot overwrite or drop the record of the run that took over.
 */
export class IdempotentRequests {
  constructor(private readonly ctx: ServiceContext) {}

  async run(request: IdempotentRequest, execute: () => Promise<StoredResponse>): Promise<IdempotentOutcome> {
    assertIdempotencyKey(request.key)
    const now = this.ctx.clock.now().getTime()
    const ours = { userId: request.userId, key: request.key, claimId: globalThis.crypto.randomUUID() }
    const claim = await this.ctx.idempotency.claim({
      ...ours,
      fingerprint: request.fingerprint,
      state: 'in_progress',
      response: null,
      expiresAt: new Date(now + this.ctx.options.idempotencyTtlMs).toISOString(),
      lockedUntil: new Date(now + this.ctx.options.idempotencyLockMs).toISOString(),
    })
    if (!claim.claimed) {
      const { existing } = claim
      if (existing.fingerprint !== request.fingerprint) {
        throw new OrderServiceError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used with another request',
        )
      }
      if (existing.state === 'in_progress' || !existing.response) {
        throw new OrderServiceError(
          'IDEMPOTENCY_KEY_IN_USE',
          'a request with this Idempotency-Key is in progress',
        )
      }
      return { response: existing.response, replayed: true }
    }
    let response: StoredResponse
    try {
      response = await execute()
    } catch (error) {
      await this.ctx.idempotency.release(ours).catch((releaseError: unknown) => {
        this.ctx.telemetry.warn('[orders] could not release an idempotency key', releaseError)
      })
      throw error
    }
    // Ran past the lock and was taken over: the client still gets this response; the newer claim's
    // response is the one stored. The use cases dedupe, so both name the same order, but the status a
    // retry replays can differ (the takeover found the order this run created: 200 where this run said 201).
    if (!(await this.ctx.idempotency.complete(ours, response))) {
      this.ctx.telemetry.warn('[orders] an idempotency key was taken over before its request completed')
    }
    return { response, replayed: false }
  }
}
