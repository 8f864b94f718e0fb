import { OrderServiceError } from '@orders/core'

/** 400 for a path that is not valid percent-encoding (both adapters answer it the same way). */
export function malformedPath(cause?: unknown): OrderServiceError {
  return new OrderServiceError('MALFORMED_REQUEST', 'the path is not valid percent-encoding', { cause })
}

/** Throws `malformedPath()` when a segment of the raw path (no query) does not percent-decode. */
export function assertDecodablePath(rawPath: string): void {
  for (const segment of rawPath.split('/')) {
    if (!segment.includes('%')) continue
    try {
      decodeURIComponent(segment)
    } catch (error) {
      throw malformedPath(error)
    }
  }
}
