import { type HttpResult, JSON_TYPE } from './problem.js'
import { etagOf } from './request/conditional-headers.js'
import type { RouteDefinition } from './routes/route.js'

/** A use case's answer with the headers its route promises; built the same way for a replay. */
export function respond(
  route: RouteDefinition,
  status: number,
  payload: unknown,
  requestId: string,
  replayed: boolean,
): HttpResult {
  if (payload === undefined || payload === null || status === 204) {
    return { status, headers: { 'x-request-id': requestId }, body: undefined }
  }
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'x-request-id': requestId }
  const resource = payload as { version?: unknown; id?: unknown }
  if (route.etag && typeof resource.version === 'number') headers.etag = etagOf(resource.version)
  if (route.location && status === 201 && typeof resource.id === 'string') {
    headers.location = `/orders/${encodeURIComponent(resource.id)}`
  }
  if (route.noStore) headers['cache-control'] = 'no-store'
  if (replayed) headers['idempotent-replayed'] = 'true'
  return { status, headers, body: JSON.stringify(payload) }
}

/**
 * The headers to write for a result: its own, plus `Content-Length` when it has a body. Both adapters write
 * them, so answers are never chunked and a HEAD (answered from the GET route, without the body) carries the
 * same `Content-Length` as the GET on either framework.
 */
export function headersToWrite(result: HttpResult): Record<string, string> {
  return result.body === undefined
    ? result.headers
    : { ...result.headers, 'content-length': String(byteLength(result.body)) }
}

const encoder = new TextEncoder()

/** UTF-8 length: node's native count, or an encoding where there is no `Buffer` (Hono runs elsewhere too). */
function byteLength(text: string): number {
  return typeof Buffer === 'function' ? Buffer.byteLength(text) : encoder.encode(text).byteLength
}
