import type { OrderService } from '@orders/core'

/** How callers are authenticated (DESIGN §5). At least one of `jwtSecret`, `jwksUrl`, `devHeaders`. */
export interface AuthOptions {
  /** Shared secret of HS256 tokens. */
  jwtSecret?: string
  /** URL of a JSON Web Key Set (jose `createRemoteJWKSet`); used instead of `jwtSecret` when both are set. */
  jwksUrl?: string
  /** Required `iss` claim, when set. */
  issuer?: string
  /** Required `aud` claim, when set. */
  audience?: string
  /**
   * Trust `X-User-Id` / `X-Role` headers when no Bearer token is sent. Development only: the server
   * decides when. @default false
   */
  devHeaders?: boolean
  /** Verified tokens are remembered until their `exp` (at most 5 minutes), so a repeat skips the signature check. */
  tokenCache?: {
    /** @default true */
    enabled?: boolean
    /** @default 10000 */
    maxEntries?: number
  }
}

export interface HttpOptions {
  /** `createOrderService(...)` from @orders/core. */
  service: OrderService
  auth: AuthOptions
  /** Larger request bodies answer 413 PAYLOAD_TOO_LARGE. @default 1048576 */
  maxBodyBytes?: number
  /** Called once per finished request (metrics, logging). `route` is the template, e.g. 'GET /orders/:orderId'. */
  onRequest?: (info: {
    method: string
    route: string
    status: number
    durationMs: number
    requestId: string
  }) => void
  /** Called for unexpected errors (answered 500; 503 DEPENDENCY_UNAVAILABLE is expected and not reported). */
  onError?: (error: unknown, info: { requestId: string }) => void
  /**
   * Called for answers 503 DEPENDENCY_UNAVAILABLE, with the error and its `cause` (the response names only
   * the dependency): for logs, since a client sees no more than "try again later".
   */
  onDependencyError?: (error: unknown, info: { requestId: string }) => void
}

export const DEFAULT_MAX_BODY_BYTES = 1_048_576
