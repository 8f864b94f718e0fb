/**
 * The one error family of the Order Service. Every code maps to exactly one HTTP status; the table
 * is plain data so both HTTP adapters (and any other transport) answer the same way.
 */
export const ERROR_STATUS = {
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  ORDER_NOT_MODIFIABLE: 409,
  PRICE_CHANGED: 409,
  CHECKOUT_IN_PROGRESS: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  CONCURRENT_UPDATE: 409,
  VERSION_CONFLICT: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  CURRENCY_MISMATCH: 422,
  CART_LIMIT_EXCEEDED: 422,
  CART_EMPTY: 422,
  PRODUCT_UNAVAILABLE: 422,
  PRODUCT_NOT_FOUND: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  DEPENDENCY_UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

/** Short, stable, human titles (the `title` of a problem+json body). */
export const ERROR_TITLES: Readonly<Record<ErrorCode, string>> = {
  MALFORMED_REQUEST: 'Malformed request',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  INVALID_TRANSITION: 'Invalid status transition',
  ORDER_NOT_MODIFIABLE: 'Order can no longer be modified',
  PRICE_CHANGED: 'Prices changed since the items were added',
  CHECKOUT_IN_PROGRESS: 'Checkout in progress',
  IDEMPOTENCY_KEY_IN_USE: 'Idempotency key in use',
  CONCURRENT_UPDATE: 'Concurrent update',
  VERSION_CONFLICT: 'Version conflict',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  VALIDATION_FAILED: 'Validation failed',
  CURRENCY_MISMATCH: 'Currency mismatch',
  CART_LIMIT_EXCEEDED: 'Cart limit exceeded',
  CART_EMPTY: 'Cart is empty',
  PRODUCT_UNAVAILABLE: 'Product unavailable',
  PRODUCT_NOT_FOUND: 'Product not found',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused with another request',
  DEPENDENCY_UNAVAILABLE: 'Dependency unavailable',
}

export interface OrderServiceErrorOptions {
  /** Extra members of the problem body, e.g. `changes`, `errors`, `from`, `to`, `productIds`. */
  details?: Record<string, unknown>
  cause?: unknown
}

export class OrderServiceError extends Error {
  override readonly name = 'OrderServiceError'
  readonly code: ErrorCode
  readonly status: number
  readonly details: Record<string, unknown>

  constructor(code: ErrorCode, message: string, options: OrderServiceErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.code = code
    this.status = ERROR_STATUS[code]
    this.details = options.details ?? {}
  }
}

export function isOrderServiceError(error: unknown, code?: ErrorCode): error is OrderServiceError {
  return error instanceof OrderServiceError && (code === undefined || error.code === code)
}

export interface FieldError {
  path: string
  message: string
}

export function validationFailed(errors: FieldError[]): OrderServiceError {
  const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ')
  return new OrderServiceError('VALIDATION_FAILED', summary, { details: { errors } })
}

export function notFound(what = 'resource'): OrderServiceError {
  return new OrderServiceError('NOT_FOUND', `${what} not found`)
}

/** Wraps a driver or network failure; `where` names the dependency, e.g. `mongo`, `redis`. */
export function dependencyUnavailable(
  where: string,
  cause: unknown,
  retryAfterSeconds = 1,
): OrderServiceError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new OrderServiceError('DEPENDENCY_UNAVAILABLE', `[orders] [${where}] ${reason}`, {
    cause,
    details: { retryAfterSeconds },
  })
}

/**
 * `OrderRepository.update`'s refusal to append events to an order whose outbox already holds
 * `maxPendingEvents` unpublished ones (the broker is down or behind). A 503 like any unavailable
 * dependency, never a lost race: retrying at once cannot succeed, only the relay draining the outbox helps.
 */
export class OutboxFullError extends OrderServiceError {
  readonly orderId: string
  readonly maxPendingEvents: number

  constructor(orderId: string, maxPendingEvents: number) {
    super(
      'DEPENDENCY_UNAVAILABLE',
      `[orders] [broker] order events are waiting for the broker: order ${orderId} already has ${maxPendingEvents} unpublished events; try again once they are published`,
      { details: { retryAfterSeconds: 1 } },
    )
    this.orderId = orderId
    this.maxPendingEvents = maxPendingEvents
  }
}

export function isOutboxFull(error: unknown): error is OutboxFullError {
  return error instanceof OutboxFullError
}
