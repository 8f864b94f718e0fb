import { type Actor, dependencyUnavailable, isValidId, type Role } from '@orders/core'
import {
  type CryptoKey,
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose'
import type { AuthOptions } from '../options.js'
import { invalidToken } from './authentication-error.js'

/** A verified token: who calls, and until when the verification holds. */
export interface VerifiedToken {
  actor: Actor
  /** `exp` claim (seconds since the epoch), when the token has one. */
  exp: number | undefined
}

export type JwtVerifier = (token: string) => Promise<VerifiedToken>

const ROLES: ReadonlySet<string> = new Set<Role>(['customer', 'admin', 'service'])

/** Failures of the key source itself (JWKS unreachable, invalid, timing out) are 503, not 401. */
const KEY_SOURCE_ERRORS: ReadonlySet<string> = new Set([
  'ERR_JWKS_TIMEOUT',
  'ERR_JWKS_INVALID',
  'ERR_JOSE_GENERIC',
])

/**
 * Verifies Bearer JWTs with jose: HS256 with `jwtSecret`, or any asymmetric algorithm with a key
 * from `jwksUrl`. `sub` is the user id; `role` is customer (default), admin or service.
 * Returns undefined when neither is configured.
 */
export function jwtVerifierFor(options: AuthOptions): JwtVerifier | undefined {
  const claims = {
    ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
  }
  if (options.jwksUrl !== undefined) {
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl))
    return async (token) => {
      let payload: JWTPayload
      try {
        payload = (await jwtVerify(token, jwks, claims)).payload
      } catch (error) {
        if (!(error instanceof errors.JOSEError) || KEY_SOURCE_ERRORS.has(error.code)) {
          throw dependencyUnavailable('jwks', error)
        }
        throw asInvalidToken(error)
      }
      return tokenOf(payload)
    }
  }
  if (options.jwtSecret !== undefined) {
    if (options.jwtSecret.length === 0) throw new Error('[orders] [http] auth.jwtSecret must not be empty')
    const secret = new TextEncoder().encode(options.jwtSecret)
    // Imported once: jose would otherwise import the raw secret on every verification.
    let key: Promise<CryptoKey> | undefined
    const hs256 = { ...claims, algorithms: ['HS256'] }
    return async (token) => {
      key ??= crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
      let payload: JWTPayload
      try {
        payload = (await jwtVerify(token, await key, hs256)).payload
      } catch (error) {
        throw asInvalidToken(error)
      }
      return tokenOf(payload)
    }
  }
  return undefined
}

function tokenOf(payload: JWTPayload): VerifiedToken {
  const { sub, role = 'customer' } = payload
  if (!isValidId(sub))
    throw invalidToken('sub must be a user id (1-64 letters, digits, "-", "_", "." or ":")')
  if (typeof role !== 'string' || !ROLES.has(role))
    throw invalidToken('role must be customer, admin or service')
  return { actor: { userId: sub, role: role as Role }, exp: payload.exp }
}

function asInvalidToken(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return invalidToken('expired', error)
  if (error instanceof errors.JOSEError) return invalidToken(error.message, error)
  return invalidToken('unverifiable', error)
}
