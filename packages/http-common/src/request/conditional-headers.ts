import { assertIdempotencyKey, OrderServiceError } from '@orders/core'

/** One strong entity-tag (RFC 9110 §8.8.3): any visible ASCII but `"` (or obs-text) between quotes. */
const STRONG_TAG = /^\s*"([\x21\x23-\x7e\x80-\xff]*)"\s*$/
/** The tags this API sends: a version in canonical decimal, as `etagOf` writes it. */
const VERSION_TAG = /^(?:0|[1-9][0-9]{0,14})$/

/**
 * What a well-formed `If-Match` tag that names no version (`"01"`, `"abc"`) expects. No stored version
 * is negative, so the write answers 412 like a stale tag, after the checks that come first (404 for
 * another user's order), and the core's 412 does not echo it: strong comparison matches tags character
 * by character, so `"01"` is not `"1"`.
 */
export const UNKNOWN_VERSION = -1

/**
 * `If-Match` as the expected version: `"<version>"` (a strong ETag as sent by this API) or `*`
 * (any current version: no condition). Another well-formed strong tag is `UNKNOWN_VERSION`, which
 * never matches (412). Anything else, weak tags and lists included, is 400.
 */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined
  const tag = STRONG_TAG.exec(ifMatch)?.[1]
  if (tag === undefined) {
    throw new OrderServiceError('MALFORMED_REQUEST', 'If-Match must be one strong ETag such as "3", or *', {
      details: { header: 'If-Match' },
    })
  }
  return VERSION_TAG.test(tag) ? Number(tag) : UNKNOWN_VERSION
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
