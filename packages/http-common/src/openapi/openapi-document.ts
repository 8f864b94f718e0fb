import { ERROR_STATUS, ERROR_TITLES, type ErrorCode } from '@orders/core'
import type { RouteDefinition } from '../routes/route.js'
import { ROUTES } from '../routes/route-table.js'
import { componentSchemas, objectFields, schemaOrRef } from './json-schemas.js'

export interface OpenApiOptions {
  /** @default 'Order Service' */
  title?: string
  /** Version of the API document. @default '1.0.0' */
  version?: string
  /** e.g. `[{ url: 'http://localhost:3000' }]` */
  servers?: { url: string; description?: string }[]
}

/** Codes any authenticated endpoint can answer. */
const ALWAYS: readonly ErrorCode[] = [
  'MALFORMED_REQUEST',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'DEPENDENCY_UNAVAILABLE',
]
const WITH_BODY: readonly ErrorCode[] = ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED']
const WITH_IF_MATCH: readonly ErrorCode[] = ['VERSION_CONFLICT', 'CONCURRENT_UPDATE']

/**
 * The OpenAPI 3.1 document of the API, generated from the route table and the same zod schemas
 * that validate requests: there is no hand-kept copy to drift.
 * @example
 * app.get('/openapi.json', (_req, res) => res.json(buildOpenApiDocument()))
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of ROUTES) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}')
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = operation(route)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Order Service',
      version: options.version ?? '1.0.0',
      description:
        'Carts and orders. Errors are RFC 9457 application/problem+json with a stable `code`. ' +
        'Carts and orders carry a strong ETag from `version`; send it back in If-Match to make a write conditional.',
    },
    ...(options.servers ? { servers: options.servers } : {}),
    security: [{ bearerAuth: [] }],
    tags: [{ name: 'carts' }, { name: 'orders' }, { name: 'products' }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: '`sub` is the user id; claim `role` is customer (default), admin or service.',
        },
      },
    },
  }
}

function operation(route: RouteDefinition): Record<string, unknown> {
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: !route.bodyOptional,
            content: { 'application/json': { schema: schemaOrRef(route.body) } },
          },
        }
      : {}),
    responses: { ...successResponses(route), ...errorResponses(route) },
  }
}

function parameters(route: RouteDefinition): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = []
  if (route.params)
    for (const field of objectFields(route.params)) list.push({ in: 'path', ...field, required: true })
  if (route.query) for (const field of objectFields(route.query)) list.push({ in: 'query', ...field })
  if (route.ifMatch) {
    list.push({
      in: 'header',
      name: 'If-Match',
      required: false,
      description: 'The ETag last seen, e.g. "3": a stale one answers 412 VERSION_CONFLICT.',
      schema: { type: 'string', pattern: '^"[0-9]+"$|^\\*$' },
    })
  }
  if (route.idempotent) {
    list.push({
      in: 'header',
      name: 'Idempotency-Key',
      required: false,
      description:
        'A repeat with the same body replays the first response (header Idempotent-Replayed: true); ' +
        'another body answers 422 IDEMPOTENCY_KEY_REUSED. Remembered for 24 h.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    })
  }
  list.push({
    in: 'header',
    name: 'X-Request-Id',
    required: false,
    description: 'Echoed back; generated when absent or not 1-128 visible ASCII characters.',
    schema: { type: 'string', maxLength: 128 },
  })
  return list
}

function successResponses(route: RouteDefinition): Record<string, unknown> {
  const responses: Record<string, unknown> = {}
  for (const success of route.success) {
    const headers: Record<string, unknown> = {}
    if (route.etag && success.schema)
      headers.ETag = { schema: { type: 'string' }, description: 'strong, "<version>"' }
    if (route.location && success.status === 201) headers.Location = { schema: { type: 'string' } }
    if (route.noStore) headers['Cache-Control'] = { schema: { type: 'string', const: 'no-store' } }
    if (route.idempotent) {
      headers['Idempotent-Replayed'] = {
        schema: { type: 'string', const: 'true' },
        description: 'on a replay',
      }
    }
    responses[String(success.status)] = {
      description: success.description,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(success.schema ? { content: { 'application/json': { schema: schemaOrRef(success.schema) } } } : {}),
    }
  }
  return responses
}

function errorResponses(route: RouteDefinition): Record<string, unknown> {
  const codes = new Set<ErrorCode>([
    ...ALWAYS,
    ...(route.body ? WITH_BODY : []),
    ...(route.ifMatch ? WITH_IF_MATCH : []),
    ...route.errors,
  ])
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of codes)
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code])
  const responses: Record<string, unknown> = {}
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `\`${code}\`: ${ERROR_TITLES[code]}`).join('; '),
      ...(status === 401 ? { headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } } : {}),
      ...(status === 503 ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } } : {}),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    }
  }
  return responses
}
