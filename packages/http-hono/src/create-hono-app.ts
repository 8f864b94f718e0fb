import { createHttpPipeline, type HttpOptions, type HttpResult, headersToWrite } from '@orders/http-common'
import { type Context, Hono } from 'hono'
import { honoRequestReader } from './hono-request-reader.js'
import { rawPathOf } from './raw-path.js'

/**
 * The Order Service API (DESIGN §5) on Hono 4. Everything but the wiring lives in
 * `@orders/http-common`; this only mounts its routes and writes their results. Unrouted requests
 * answer 404 problem+json (`app.notFound`), so routes added later (ops endpoints) still match.
 * Routes match the raw path (`rawPathOf`): `/%6Frders` is not `/orders`, as on Express.
 * On @hono/node-server, host it with `nodeServerErrorHandler` so the requests node-server refuses
 * before Hono runs answer problem+json too.
 * @example
 * import { createServer } from 'node:http'
 * import { getRequestListener } from '@hono/node-server'
 * const app = createHonoApp({ service: createOrderService(adapters), auth: { jwtSecret } })
 * createServer(getRequestListener(app.fetch, { errorHandler: nodeServerErrorHandler })).listen(3000)
 */
export function createHonoApp(options: HttpOptions): Hono {
  const pipeline = createHttpPipeline(options)
  const app = new Hono({ getPath: rawPathOf })
  for (const route of pipeline.routes) {
    app.on(route.method, route.path, async (c) => toResponse(await route.run(c, honoRequestReader)))
  }
  app.notFound((c) => toResponse(pipeline.unrouted(c, honoRequestReader, c.req.method)))
  app.onError((error, c: Context) => toResponse(pipeline.unrouted(c, honoRequestReader, c.req.method, error)))
  return app
}

/** With its Content-Length, which Hono keeps when it answers HEAD from the GET route (node-server adds none then). */
function toResponse(result: HttpResult): Response {
  return new Response(result.body ?? null, { status: result.status, headers: headersToWrite(result) })
}
