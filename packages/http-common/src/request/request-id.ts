const VISIBLE_ASCII = /^[\x21-\x7e]{1,128}$/
const COUNTER_LIMIT = 16 ** 12
/** A random version 4 UUID without its last 12 hex digits, which count requests (set on first use). */
let prefix = ''
let counter = 0

/**
 * The caller's `X-Request-Id` when it is 1-128 visible ASCII characters, else a fresh id in UUID form:
 * 74 random bits per process and a counter, unique like a random UUID but without building one per
 * request (`crypto.randomUUID()` allocates ~0.5 KB of intermediate strings per call).
 */
export function requestIdOf(header: string | undefined): string {
  if (header !== undefined && VISIBLE_ASCII.test(header)) return header
  if (prefix === '' || counter === COUNTER_LIMIT) {
    prefix = crypto.randomUUID().slice(0, 24)
    counter = 0
  }
  return prefix + (counter++).toString(16).padStart(12, '0')
}
