import { ERROR_TITLES, isOrderServiceError, type OrderServiceError } from '@orders/core'
import { AuthenticationError } from './auth/authentication-error.js'

/** What a handler answers, ready to write: the body is already serialized. */
export interface HttpResult {
  status: number
  headers: Record<string, string>
  body: string | undefined
}

export const JSON_TYPE = 'application/json'
export const PROBLEM_TYPE = 'application/problem+json'

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  code: string
  [member: string]: unknown
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'code'])
const INTERNAL_CODE = 'INTERNAL_ERROR'

/** `urn:orders:problem:version-conflict` for VERSION_CONFLICT: stable, and never a dead link. */
export function problemTypeOf(code: string): string {
  return `urn:orders:problem:${code.toLowerCase().replaceAll('_', '-')}`
}

/** RFC 9457 body of an OrderServiceError: `{ type, title, status, detail, code, ...details }`. */
export function problemBody(error: OrderServiceError): ProblemBody {
  const body: ProblemBody = {
    type: problemTypeOf(error.code),
    title: ERROR_TITLES[error.code],
    status: error.status,
    detail: detailOf(error),
    code: error.code,
  }
  for (const key in error.details) {
    if (!RESERVED.has(key)) body[key] = error.details[key]
  }
  return body
}

/** A dependency failure's message names hosts and driver errors: the client only learns which dependency. */
function detailOf(error: OrderServiceError): string {
  if (error.code !== 'DEPENDENCY_UNAVAILABLE') return error.message
  const where = /^\[orders\] \[([^\]]+)\]/.exec(error.message)?.[1]
  return `a dependency${where ? ` (${where})` : ''} is unavailable; try again later`
}

export function internalProblemBody(): ProblemBody {
  return {
    type: problemTypeOf(INTERNAL_CODE),
    title: 'Internal server error',
    status: 500,
    detail: 'an unexpected error occurred',
    code: INTERNAL_CODE,
  }
}

/**
 * Maps anything thrown to a problem+json response. OrderServiceErrors keep their status and code
 * (401 adds `WWW-Authenticate`, 503 adds `Retry-After`); anything else is a 500 without a stack.
 */
export function problemResult(error: unknown, requestId: string): HttpResult & { unexpected: boolean } {
  if (!isOrderServiceError(error)) {
    return { ...problemResponse(internalProblemBody(), requestId), unexpected: true }
  }
  const result = problemResponse(problemBody(error), requestId)
  if (error.code === 'UNAUTHENTICATED') {
    result.headers['www-authenticate'] = error instanceof AuthenticationError ? error.challenge : 'Bearer'
  } else if (error.code === 'PAYLOAD_TOO_LARGE') {
    // The rest of the body may be unread (refused by its Content-Length, or cut off after the limit):
    // closing the connection after the answer spares reading, or waiting for, what nobody wants.
    result.headers.connection = 'close'
  } else if (error.code === 'DEPENDENCY_UNAVAILABLE') {
    const seconds = Number(error.details.retryAfterSeconds)
    result.headers['retry-after'] = String(Number.isInteger(seconds) && seconds > 0 ? seconds : 1)
  }
  return { ...result, unexpected: false }
}

function problemResponse(body: ProblemBody, requestId: string): HttpResult {
  return {
    status: body.status,
    headers: { 'content-type': PROBLEM_TYPE, 'x-request-id': requestId },
    body: JSON.stringify(body),
  }
}
