import { type Actor, isValidId, type Role } from '@orders/core'
import type { AuthOptions } from '../options.js'
import { AuthenticationError, invalidToken, missingCredentials } from './authentication-error.js'
import { jwtVerifierFor } from './jwt-verifier.js'
import { TokenCache } from './token-cache.js'

/** The credentials of one request, as sent. */
export interface Credentials {
  authorization: string | undefined
  /** Read only in development header mode. */
  devUserId?: string | undefined
  devRole?: string | undefined
}

export interface Authenticator {
  /** Whether `X-User-Id` / `X-Role` are trusted (so the caller knows to read them). */
  readonly devHeaders: boolean
  /** The actor, or 401 UNAUTHENTICATED (an AuthenticationError); 503 when the JWKS cannot be fetched. */
  authenticate(credentials: Credentials): Promise<Actor>
  /**
   * The actor of an Authorization header verified before and still cached, without a promise (the
   * common case of every request after a client's first); undefined means: call `authenticate`.
   */
  cached(authorization: string | undefined): Actor | undefined
  /** How many verified tokens the cache holds (0 when it is off). */
  cachedTokens(): number
}

const BEARER = /^Bearer +([A-Za-z0-9_.~+/-]+=*) *$/i
const MAX_TOKEN_LENGTH = 8192
const ROLES: ReadonlySet<string> = new Set<Role>(['customer', 'admin', 'service'])

/**
 * Bearer JWT authentication (DESIGN §5), with a bounded cache of verified tokens, and the
 * development header mode when `devHeaders` is on. A Bearer token always wins over dev headers.
 * @example
 * const auth = createAuthenticator({ jwtSecret: process.env.AUTH_JWT_SECRET })
 * const actor = await auth.authenticate({ authorization: 'Bearer eyJ…' })
 */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const verify = jwtVerifierFor(options)
  const devHeaders = options.devHeaders === true
  if (!verify && !devHeaders) {
    throw new Error('[orders] [http] auth needs jwtSecret, jwksUrl or devHeaders: true')
  }
  const cache =
    verify && options.tokenCache?.enabled !== false
      ? new TokenCache({ maxEntries: options.tokenCache?.maxEntries ?? 10_000 })
      : undefined

  // Keyed by the whole header as sent: a header that verified once is recognised without parsing it again.
  async function fromToken(authorization: string): Promise<Actor> {
    const cached = cache?.get(authorization)
    if (cached !== undefined) return cached
    const token = BEARER.exec(authorization)?.[1]
    if (token === undefined || token.length > MAX_TOKEN_LENGTH) {
      throw invalidToken('expected "Authorization: Bearer <JWT>"')
    }
    if (!verify) throw invalidToken('Bearer tokens are not configured')
    const verified = await verify(token)
    cache?.set(authorization, verified.actor, verified.exp)
    return verified.actor
  }

  return {
    devHeaders,
    async authenticate(credentials) {
      if (credentials.authorization !== undefined) return fromToken(credentials.authorization)
      if (devHeaders && credentials.devUserId !== undefined) return fromDevHeaders(credentials)
      throw missingCredentials()
    },
    cached: (authorization) => (authorization === undefined ? undefined : cache?.get(authorization)),
    cachedTokens: () => cache?.size ?? 0,
  }
}

function fromDevHeaders(credentials: Credentials): Actor {
  const { devUserId, devRole = 'customer' } = credentials
  if (!isValidId(devUserId)) throw new AuthenticationError('X-User-Id must be a valid user id')
  if (!ROLES.has(devRole)) throw new AuthenticationError('X-Role must be customer, admin or service')
  return { userId: devUserId, role: devRole as Role }
}
