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
