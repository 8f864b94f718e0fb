import type { RequestReader } from '../request-reader.js'
import type { RouteDefinition } from '../routes/route.js'
import { assertJsonContent, bodyRequired, parseJsonBody, payloadTooLarge } from './json-body.js'

/**
 * Body rules in order: declared size (413), actual size while reading (413), emptiness (`{}` when the
 * body is optional, else 400), media type and encoding (415), UTF-8 JSON syntax (400).
 */
export async function readJson<R>(
  route: RouteDefinition,
  request: R,
  reader: RequestReader<R>,
  maxBodyBytes: number,
): Promise<unknown> {
  const declared = reader.header(request, 'content-length')
  if (declared !== undefined && Number(declared) > maxBodyBytes) throw payloadTooLarge(maxBodyBytes)
  const bytes = await reader.body(request, maxBodyBytes)
  if (bytes.length === 0) {
    if (route.bodyOptional) return {}
    throw bodyRequired()
  }
  assertJsonContent(reader.header(request, 'content-type'), reader.header(request, 'content-encoding'))
  return parseJsonBody(bytes)
}
