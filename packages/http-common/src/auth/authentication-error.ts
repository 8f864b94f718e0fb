import { OrderServiceError } from '@orders/core'

/**
 * 401 UNAUTHENTICATED with the `WWW-Authenticate` challenge to send (RFC 6750): plain `Bearer` when
 * no credentials came, `Bearer error="invalid_token"` when they did not verify.
 */
export class AuthenticationError extends OrderServiceError {
  readonly challenge: string

  constructor(message: string, options: { invalidToken?: boolean; cause?: unknown } = {}) {
    super('UNAUTHENTICATED', message, { cause: options.cause })
    this.challenge = options.invalidToken ? 'Bearer error="invalid_token"' : 'Bearer'
  }
}

export function missingCredentials(): AuthenticationError {
  return new AuthenticationError('a Bearer token is required')
}

export function invalidToken(reason: string, cause?: unknown): AuthenticationError {
  return new AuthenticationError(`invalid token: ${reason}`, { invalidToken: true, cause })
}
