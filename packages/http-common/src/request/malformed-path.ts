import { OrderServiceError } from '@orders/core'

/** 400 for a path that is not valid percent-encoding (both adapters answer it the same way). */
export function malformedPath(cause?: unknown): OrderServiceError {
  return new OrderServiceError('MALFORMED_REQUEST', 'the path is not valid percent-encoding', { cause })
}

/** Throws `malformedPath()` when a segment of the raw path (no query) does not percent-decode. */
export function assertDecodablePath(rawPath: string): void {
  for (const segment of rawPath.split('/')) if (segment.includes('%')) decodeSegment(segment)
}

/** `decodeURIComponent`, or `malformedPath()` for a segment that does not decode. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch (error) {
    throw malformedPath(error)
  }
}

/**
 * Path parameters matched on the raw path, percent-decoded as Express's router decodes them
 * (`decodeURIComponent`, so `%2F` becomes `/`); the same object when none holds a '%'. Throws
 * `malformedPath()` for one that does not decode. Adapters call it when the pipeline reads the
 * parameters, after authentication.
 */
export function decodePathParams(raw: Record<string, string>): Record<string, string> {
  let decoded: Record<string, string> | undefined
  for (const name in raw) {
    const value = raw[name]!
    if (!value.includes('%')) continue
    decoded ??= { ...raw }
    decoded[name] = decodeSegment(value)
  }
  return decoded ?? raw
}
