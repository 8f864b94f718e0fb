/** The classes of the corpus (issue 6): at least 8 cases each. */
export const BAD_REQUEST_CLASSES = [
  'syntax',
  'types',
  'ranges',
  'lengths',
  'unknown fields',
  'operators',
  'headers',
  'ids',
  'auth',
] as const

export type BadRequestClass = (typeof BAD_REQUEST_CLASSES)[number]

/**
 * Who sends a bad request. `a`/`b` are customers user-a/user-b, `admin` an admin; the others are
 * broken credentials of user-a: no header, an expired token, a wrong signature, `alg: none`, an
 * unknown role, no `sub`, an invalid `sub`, a Basic header, not a JWT, HS512, `nbf` in the future.
 */
export type AuthKind =
  | 'a'
  | 'b'
  | 'admin'
  | 'none'
  | 'expired'
  | 'wrong-secret'
  | 'alg-none'
  | 'unknown-role'
  | 'no-sub'
  | 'invalid-sub'
  | 'basic'
  | 'not-a-jwt'
  | 'hs512'
  | 'not-yet-valid'

/**
 * One request that must be refused with a 4xx problem+json and change nothing. The fixture it runs
 * against: user-a's cart holds 2 × p-tea, user-a has one Pending order, whose id replaces `{order}`.
 */
export interface BadRequest {
  class: BadRequestClass
  name: string
  method: string
  path: string
  /** @default 'a' */
  auth?: AuthKind
  /** Replaces the default Content-Type of a raw body; merged over the one of a `json` body. */
  headers?: Record<string, string>
  /** Serialized as JSON, sent with `Content-Type: application/json`. */
  json?: unknown
  /** Sent as-is (UTF-8), with `Content-Type: application/json` unless `headers` are given. */
  raw?: string
  /** Raw bytes, as hex. */
  rawHex?: string
  expect: { status: number; code: string }
}

export const MALFORMED = { status: 400, code: 'MALFORMED_REQUEST' } as const
export const INVALID = { status: 422, code: 'VALIDATION_FAILED' } as const
export const UNAUTHENTICATED = { status: 401, code: 'UNAUTHENTICATED' } as const
export const NOT_FOUND = { status: 404, code: 'NOT_FOUND' } as const
export const FORBIDDEN = { status: 403, code: 'FORBIDDEN' } as const
export const UNSUPPORTED = { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' } as const
