import { createServer, type Server } from 'node:http'
import {
  createHttpPipeline,
  createRouteMatcher,
  type HttpOptions,
  type HttpResult,
  headersToWrite,
  malformedPath,
  readNodeRequestTarget,
} from '@orders/http-common'
import express, { type Express, type NextFunction, type Request, type Response } from 'express'
import { expressRequestReader } from './express-request-reader.js'
import { expressServerOptions } from './express-server-options.js'

type Handle = (req: Request, res: Response, next?: NextFunction) => void

/**
 * The Order Service API (DESIGN §5) on Express 5. Everything but the wiring lives in
 * `@orders/http-common`; this only mounts its routes and writes their results. Routing is strict
 * and case-sensitive (as on Hono), Express's own ETag and X-Powered-By are off.
 *
 * A request nothing matched answers 404 problem+json from the app's final handler instead of a
 * catch-all route, so routes the server adds later (ops endpoints) still match; when this app is
 * mounted inside another (`root.use(app)`), unmatched requests fall through to the parent.
 *
 * `app.listen` builds its server with `expressServerOptions(app)`; a server you create yourself
 * should take them too (`http.createServer(expressServerOptions(app), app)`): see there why.
 * @example
 * const app = createExpressApp({ service: createOrderService(adapters), auth: { jwtSecret } })
 * app.get('/health/live', (_req, res) => res.json({ status: 'ok' }))
 * app.listen(3000)
 */
export function createExpressApp(options: HttpOptions): Express {
  const pipeline = createHttpPipeline(options)
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app.enable('case sensitive routing')
  app.enable('strict routing')
  // One dispatching middleware for all our routes instead of one router layer per path: Express
  // tries each layer's regular expression in turn on every request. Unmatched paths go on to the
  // app's later routes (the server's ops endpoints), then to the final handler below.
  const matcher = createRouteMatcher(pipeline.routes)
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (backslashInPath(req.url)) return next()
    const found = matcher.match(req.method, req.path)
    if (found === undefined) return next()
    // Another method on a known path (OPTIONS included) is 404 problem+json, as on Hono.
    if (found.kind === 'other-method') {
      write(res, pipeline.unrouted(req, expressRequestReader, req.method))
      return
    }
    // Raw segments: the reader decodes them when the pipeline asks, after authentication (as on Hono).
    req.params = found.params
    found.route.run(req, expressRequestReader).then(
      (result) => write(res, result),
      () => res.destroy(),
    )
  })
  const handle = (app as unknown as { handle: Handle }).handle.bind(app)
  ;(app as unknown as { handle: Handle }).handle = (req, res, next) => {
    // As the app of a node server (not mounted in another app): the request target and Host are read as
    // @hono/node-server reads them for Hono, so a missing or invalid Host (400), an absolute-form target and
    // a target that is not a path (404) are answered alike.
    if (next === undefined) {
      const target = readNodeRequestTarget(req)
      if (target.kind === 'refused') {
        write(res, pipeline.unrouted(req, expressRequestReader, req.method, target.error))
        return
      }
      if (target.kind === 'url') req.url = target.path
    }
    if (DOT_SEGMENT.test(req.url) && !backslashInPath(req.url)) req.url = resolveDotSegments(req.url)
    handle(
      req,
      res,
      next ??
        ((error?: unknown) =>
          write(res, pipeline.unrouted(req, expressRequestReader, req.method, asRoutingError(error)))),
    )
  }
  // Prepared now, so `app.request` and `app.response` never change once the app is handed out.
  const serverOptions = expressServerOptions(app)
  ;(app as unknown as { listen: Listen }).listen = (...args) => {
    const server = createServer(serverOptions, app)
    const callback = args.at(-1)
    // As Express's own listen: the callback also hears a failure to listen, once, with the server as `this`.
    if (typeof callback === 'function') {
      const once = onceOnly(callback as Callback)
      args[args.length - 1] = once
      server.once('error', once)
    }
    return (server.listen as Listen).apply(server, args)
  }
  return app
}

type Listen = (...args: unknown[]) => Server
type Callback = (this: unknown, ...values: unknown[]) => void

function onceOnly(callback: Callback): Callback {
  let called = false
  return function once(this: unknown, ...values) {
    if (called) return
    called = true
    callback.apply(this, values)
  }
}

/** `.` or `..` path segments, plain or percent-encoded. */
const DOT_SEGMENT = /\/(?:\.|%2e)/i

/**
 * Resolves dot segments as a WHATWG URL does, so `/orders/../carts/u1` routes as `/carts/u1` here
 * too: Hono (and @hono/node-server) see the request through such a URL.
 */
function resolveDotSegments(url: string): string {
  const resolved = new URL(url, 'http://localhost')
  return `${resolved.pathname}${resolved.search}`
}

/**
 * A backslash before the query: no route of ours takes such a path (404). URL parsers read `\` as `/`
 * (WHATWG's, as in browsers, many proxies and `resolveDotSegments`; node's `url.parse`, behind
 * `req.path` when the target holds a `#`), so hops would disagree on which path was asked for.
 * @hono/node-server refuses these targets before Hono runs, which answers them 404 too
 * (`nodeServerErrorHandler` of @orders/http-hono).
 */
function backslashInPath(url: string): boolean {
  const backslash = url.indexOf('\\')
  if (backslash < 0) return false
  const query = url.indexOf('?')
  return query < 0 || backslash < query
}

/** Writes a result with its Content-Length (as Hono's node server does), not chunked. */
function write(res: Response, result: HttpResult): void {
  if (res.headersSent) return
  res.writeHead(result.status, headersToWrite(result))
  res.end(result.body)
}

/** Express's router answers a path that is not valid percent-encoding with a 400 error. */
function asRoutingError(error: unknown): unknown {
  if (error === undefined) return undefined
  const status = (error as { status?: unknown }).status
  return status === 400 ? malformedPath(error) : error
}
