import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js'
import { createServerMetrics } from '../../src/ops/metrics.js'
import { createOpsEndpoints } from '../../src/ops/ops-endpoints.js'

const PROBLEM = 'application/problem+json'

describe('ops endpoints on a worker (no API behind them)', () => {
  let http: HttpServer | undefined
  afterEach(async () => {
    await new Promise((resolve) => http?.server.close(resolve))
    http = undefined
  })

  async function start(metrics = createServerMetrics({ warn: () => {} })): Promise<string> {
    http = createHttpServer({
      ops: createOpsEndpoints({ checks: [], metrics, healthCheckTimeoutMs: 1000, shuttingDown: () => false }),
      api: undefined,
      requestTimeoutMs: 5000,
      keepAliveTimeoutMs: 1000,
    })
    const { port } = (await http.listen(0, '127.0.0.1')) as AddressInfo
    return `http://127.0.0.1:${port}`
  }

  // Regression: these were {"error": ...} as application/json (a 405 for other methods).
  it('answers another method on an ops path, and a file /docs does not have, 404 problem+json', async () => {
    const url = await start()
    for (const [method, path] of [
      ['POST', '/health/live'],
      ['DELETE', '/metrics'],
      ['PUT', '/openapi.json'],
      ['GET', '/docs/nope.js'],
    ] as const) {
      const reply = await fetch(`${url}${path}`, { method })
      expect(reply.status, `${method} ${path}`).toBe(404)
      expect(reply.headers.get('content-type'), `${method} ${path}`).toBe(PROBLEM)
      expect(await reply.json(), `${method} ${path}`).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    }
  })

  it('answers a failing /metrics with problem+json', async () => {
    const metrics = createServerMetrics({ warn: () => {} })
    metrics.registry.metrics = () => Promise.reject(new Error('collect failed'))
    const reply = await fetch(`${await start(metrics)}/metrics`)
    expect(reply.status).toBe(500)
    expect(reply.headers.get('content-type')).toBe(PROBLEM)
    expect(await reply.json()).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' })
  })

  // Regression: Swagger UI showed a validator badge, fetched from validator.swagger.io with the spec's URL.
  it('serves Swagger UI without the online validator', async () => {
    const initializer = await (await fetch(`${await start()}/docs/swagger-initializer.js`)).text()
    expect(initializer).toContain('validatorUrl: null')
  })
})
