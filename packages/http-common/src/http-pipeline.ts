import {
  type Actor,
  fingerprintRequest,
  isPrivileged,
  type OrderService,
  OrderServiceError,
} from '@orders/core'
import { type Authenticator, createAuthenticator } from './auth/authenticator.js'
import { DEFAULT_MAX_BODY_BYTES, type HttpOptions } from './options.js'
import { type HttpResult, problemResult } from './problem.js'
import { expectedVersionOf, idempotencyKeyOf } from './request/conditional-headers.js'
import { parseQuery } from './request/query-string.js'
import { readJson } from './request/read-json.js'
import { requestIdOf } from './request/request-id.js'
import type { RequestReader } from './request-reader.js'
import { respond } from './respond.js'
import type { RouteDefinition, RouteRequest } from './routes/route.js'
import { ROUTES } from './routes/route-table.js'
import { NoQuery } from './schemas/requests.js'
import { parseBody, parseParameters } from './validation.js'

/** One endpoint, ready to mount: the adapter matches `method` + `path` and calls `run`. */
export interface MountedRoute {
  readonly method: RouteDefinition['method']
  readonly path: string
  /** `'GET /orders/:orderId'`, as reported to `onRequest`. */
  readonly name: string
  run<R>(request: R, reader: RequestReader<R>): Promise<HttpResult>
}

export interface HttpPipeline {
  readonly routes: readonly MountedRoute[]
  /**
   * The answer to a request no route took: 404 NOT_FOUND, or the problem of `error` when the
   * framework failed before routing (e.g. a path that is not valid percent-encoding).
   */
  unrouted<R>(request: R, reader: RequestReader<R>, method: string, error?: unknown): HttpResult
}

const UNROUTED = '<unmatched>'

/**
 * The shared request handling of both adapters: request id, authentication, validation of params,
 * query, headers and body, the use case, Idempotency-Key, and the response with its headers.
 * Order of checks: authenticate (401), the shape of the inputs (400/413/415/422), then the use case:
 * ownership (404), role (403), If-Match (412), then its own rules (409, and 422 for what only the
 * core can tell, such as an unknown product).
 * @example
 * const pipeline = createHttpPipeline({ service, auth: { jwtSecret } })
 * for (const route of pipeline.routes) framework.on(route.method, route.path, (req) => route.run(req, reader))
 */
export function createHttpPipeline(options: HttpOptions): HttpPipeline {
  const auth = createAuthenticator(options.auth)
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const { service, onRequest, onError, onDependencyError } = options

  function fail(error: unknown, requestId: string): HttpResult {
    const result = problemResult(error, requestId)
    if (result.unexpected) onError?.(error, { requestId })
    else if (result.status === 503) onDependencyError?.(error, { requestId })
    return { status: result.status, headers: result.headers, body: result.body }
  }

  function mount(route: RouteDefinition): MountedRoute {
    const name = `${route.method} ${route.path}`
    async function execute<R>(request: R, reader: RequestReader<R>, requestId: string): Promise<HttpResult> {
      const authenticated = authenticate(auth, request, reader)
      const actor = authenticated instanceof Promise ? await authenticated : authenticated
      if (route.privileged && !isPrivileged(actor)) {
        throw new OrderServiceError('FORBIDDEN', `only admin or service callers may ${name}`)
      }
      const input: RouteRequest<unknown, unknown, unknown> = {
        params: route.params ? parseParameters(route.params, reader.params(request), 'path') : undefined,
        query: parseQueryOf(route, reader.query(request)),
        body: undefined,
        actor,
        requestId,
        expectedVersion: route.ifMatch ? expectedVersionOf(reader.header(request, 'if-match')) : undefined,
        idempotencyKey: route.idempotent
          ? idempotencyKeyOf(reader.header(request, 'idempotency-key'))
          : undefined,
      }
      if (route.body) input.body = parseBody(route.body, await readJson(route, request, reader, maxBodyBytes))
      if (input.idempotencyKey === undefined) {
        const response = await route.handle(service, input)
        return respond(route, response.status, response.body, requestId, false)
      }
      const outcome = await runIdempotent(service, route, input, input.idempotencyKey)
      return respond(route, outcome.response.status, outcome.response.body, requestId, outcome.replayed)
    }
    return {
      method: route.method,
      path: route.path,
      name,
      async run(request, reader) {
        const started = onRequest ? performance.now() : 0
        const requestId = requestIdOf(reader.header(request, 'x-request-id'))
        let result: HttpResult
        try {
          result = await execute(request, reader, requestId)
        } catch (error) {
          result = fail(error, requestId)
        }
        onRequest?.({
          method: route.method,
          route: name,
          status: result.status,
          durationMs: performance.now() - started,
          requestId,
        })
        return result
      },
    }
  }

  return {
    routes: ROUTES.map(mount),
    unrouted(request, reader, method, error) {
      const started = onRequest ? performance.now() : 0
      const requestId = requestIdOf(reader.header(request, 'x-request-id'))
      const result = fail(
        error ?? new OrderServiceError('NOT_FOUND', `nothing answers ${method} on this path`),
        requestId,
      )
      onRequest?.({
        method,
        route: UNROUTED,
        status: result.status,
        durationMs: performance.now() - started,
        requestId,
      })
      return result
    },
  }
}

/** Query strings are strict on every route: a route without parameters refuses any. */
function parseQueryOf(route: RouteDefinition, raw: string): unknown {
  if (route.query) return parseParameters(route.query, parseQuery(raw), 'query')
  if (raw.length > 0) parseParameters(NoQuery, parseQuery(raw), 'query')
  return undefined
}

/** The actor; a cached token answers without a promise. */
function authenticate<R>(auth: Authenticator, request: R, reader: RequestReader<R>): Actor | Promise<Actor> {
  const authorization = reader.header(request, 'authorization')
  const cached = auth.cached(authorization)
  if (cached !== undefined) return cached
  if (!auth.devHeaders) return auth.authenticate({ authorization })
  return auth.authenticate({
    authorization,
    devUserId: reader.header(request, 'x-user-id'),
    devRole: reader.header(request, 'x-role'),
  })
}

/**
 * Idempotency-Key (DESIGN §4), scoped by the caller: a repeat replays the stored status and body.
 * The fingerprint covers the method, the concrete path (whose cart) and the validated body.
 */
async function runIdempotent(
  service: OrderService,
  route: RouteDefinition,
  input: RouteRequest<unknown, unknown, unknown>,
  key: string,
) {
  const params = (input.params ?? {}) as Record<string, string>
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? '')
  return service.idempotency.run(
    {
      userId: input.actor.userId,
      key,
      fingerprint: await fingerprintRequest({ method: route.method, route: path, body: input.body }),
    },
    async () => {
      const response = await route.handle(service, input)
      return { status: response.status, body: response.body ?? null }
    },
  )
}
