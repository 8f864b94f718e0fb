import { createHmac } from 'node:crypto'

/** The HS256 secret every server under the contract must accept (`auth: { jwtSecret: CONTRACT_JWT_SECRET }`). */
export const CONTRACT_JWT_SECRET = 'orders-http-contract-secret-0123456789abcdef'

export interface TokenClaims {
  sub?: unknown
  role?: unknown
  /** Seconds from now; negative for an expired token. @default 300 */
  expiresIn?: number
  /** Seconds from now for `nbf`, when set. */
  notBefore?: number
  [claim: string]: unknown
}

export interface SignOptions {
  /** @default 'HS256' */
  alg?: 'HS256' | 'HS512' | 'none'
  /** @default CONTRACT_JWT_SECRET */
  secret?: string
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/**
 * A JWT as an identity provider would issue it, signed with node:crypto (so the suite needs no JWT
 * library). `alg: 'none'` leaves the signature empty.
 * @example
 * signToken({ sub: 'user-a', role: 'admin' })
 */
export function signToken(claims: TokenClaims, options: SignOptions = {}): string {
  const { expiresIn = 300, notBefore, ...rest } = claims
  const now = Math.floor(Date.now() / 1000)
  const payload = {
    iat: now,
    exp: now + expiresIn,
    ...(notBefore !== undefined ? { nbf: now + notBefore } : {}),
    ...rest,
  }
  const alg = options.alg ?? 'HS256'
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(payload)}`
  if (alg === 'none') return `${unsigned}.`
  const hash = alg === 'HS512' ? 'sha512' : 'sha256'
  return `${unsigned}.${createHmac(hash, options.secret ?? CONTRACT_JWT_SECRET)
    .update(unsigned)
    .digest('base64url')}`
}
