const VISIBLE_ASCII = /^[\x21-\x7e]{1,128}$/

/** The caller's `X-Request-Id` when it is 1-128 visible ASCII characters, else a fresh UUID. */
export function requestIdOf(header: string | undefined): string {
  return header !== undefined && VISIBLE_ASCII.test(header) ? header : crypto.randomUUID()
}
