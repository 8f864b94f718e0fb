import { assertIdempotencyKey, OrderServiceError } from '@orders/core'

const STRONG_TAG = /^\s*"([0-9]{1,15})"\s*$/

/**
 * `If-Match` as the expected version: `"<version>"` (a strong ETag as sent by this API) or `*`
 * (any current version: no condition). Anything else, weak tags and lists included, is 400.
 */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined
  const version = STRONG_TAG.exec(ifMatch)?.[1]
  if (version === undefined) {
    throw new OrderServiceError('MALFORMED_REQUEST', 'If-Match must be one strong ETag such as "3", or *', {
      details: { header: 'If-Match' },
    })
  }
  return Number(version)
}

/** The strong ETag of a cart or order version. */
export function etagOf(version: number): string {
  return `"${version}"`
}

/** `Idempotency-Key`: 1-255 visible ASCII characters, else 400. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  assertIdempotencyKey(header)
  return header
}
