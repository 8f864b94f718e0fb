import { createHttpPipeline, type HttpOptions, type HttpResult } from '@orders/http-common'
import { type Context, Hono } from 'hono'
import { honoRequestReader } from './hono-request-reader.js'

/**
 * The Order Service API (DESIGN §5) on Hono 4. Everything but the wiring lives in
 * `@orders/http-common`; this only mounts its routes and writes their results. Unrouted requests
 * answer 404 problem+json (`app.notFound`), so routes added later (ops endpoints) still match.
 * @example
 * import { serve } from '@hono/node-server'
 * const app = createHonoApp({ service: createOrderService(adapters), auth: { jwtSecret } })
 * serve({ fetch: app.fetch, port: 3000, hostname: '0.0.0.0' })
 */
export function createHonoApp(options: HttpOptions): Hono {
  const pipeline = createHttpPipeline(options)
  const app = new Hono()
  for (const route of pipeline.routes) {
    app.on(route.method, route.path, async (c) => toResponse(await route.run(c, honoRequestReader)))
  }
  app.notFound((c) => toResponse(pipeline.unrouted(c, honoRequestReader, c.req.method)))
  app.onError((error, c: Context) => toResponse(pipeline.unrouted(c, honoRequestReader, c.req.method, error)))
  return app
}

function toResponse(result: HttpResult): Response {
  return new Response(result.body ?? null, { status: result.status, headers: result.headers })
}
