import type { IncomingMessage, ServerResponse } from 'node:http'
import { buildOpenApiDocument, problemResult, requestIdOf } from '@orders/http-common'
import { apiDocs } from './api-docs.js'
import { checkReadiness, type HealthCheck } from './health.js'
import type { ServerMetrics } from './metrics.js'

export interface OpsEndpointsOptions {
  checks: readonly HealthCheck[]
  metrics: ServerMetrics
  healthCheckTimeoutMs: number
  /** True once shutdown began: readiness answers 503 so load balancers stop sending traffic. */
  shuttingDown: () => boolean
}

/**
 * Answers a request when it is for an ops endpoint; false when the API should take it. Ops endpoints answer
 * GET and HEAD only: another method on their paths, or a file `/docs` does not have, goes on like any
 * unrouted request (404 `NOT_FOUND` problem+json, as the API answers an unknown method: no 405).
 */
export type OpsHandler = (req: IncomingMessage, res: ServerResponse) => boolean

const OPS_PATH = /^\/(?:health\/live|health\/ready|metrics|openapi\.json|docs(?:\/.*)?)$/

/**
 * `/health/live`, `/health/ready`, `/metrics`, `/openapi.json`, `/docs`: served in front of the
 * API framework on the Node server, so both frameworks expose them alike. No authentication:
 * keep them off the public network (or behind the ingress's own rules).
 */
export function createOpsEndpoints(options: OpsEndpointsOptions): OpsHandler {
  const docs = apiDocs()
  let openapi: string | undefined
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (!OPS_PATH.test(path) || (req.method !== 'GET' && req.method !== 'HEAD')) return false
    if (path === '/health/live') {
      send(res, 200, 'application/json', JSON.stringify({ status: 'ok' }))
    } else if (path === '/health/ready') {
      void checkReadiness(options.checks, {
        timeoutMs: options.healthCheckTimeoutMs,
        shuttingDown: options.shuttingDown(),
      }).then((readiness) =>
        send(res, readiness.status === 'ready' ? 200 : 503, 'application/json', JSON.stringify(readiness)),
      )
    } else if (path === '/metrics') {
      options.metrics.registry.metrics().then(
        (text) => send(res, 200, options.metrics.registry.contentType, text),
        (error: unknown) => {
          const problem = problemResult(error, requestIdOf(undefined))
          send(res, problem.status, problem.headers['content-type']!, problem.body!)
        },
      )
    } else if (path === '/openapi.json') {
      openapi ??= JSON.stringify(buildOpenApiDocument())
      send(res, 200, 'application/json', openapi)
    } else {
      const file = docs(path)
      if (!file) return false
      send(res, 200, file.contentType, file.body, { 'cache-control': 'public, max-age=3600' })
    }
    return true
  }
}

/** Writes a whole answer with its Content-Length (no body for HEAD); `Cache-Control: no-store` unless `headers` say otherwise. */
export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}
