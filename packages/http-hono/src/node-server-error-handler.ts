import { invalidHost, problemResult, requestIdOf, unknownRequestTarget } from '@orders/http-common'

/**
 * The `errorHandler` to give @hono/node-server's `getRequestListener`. Node-server refuses a request
 * it cannot make a URL of before any app runs (a backslash in the path as in `GET /carts\user-a`, a
 * target that is not a path as in `OPTIONS *`, a `Host` that is no host name) by throwing its
 * `RequestError`; without a handler it answers a bodyless plain 400. Here such a request is 404
 * `NOT_FOUND` problem+json (`unknownRequestTarget`: no route of ours is named so), except a missing or
 * invalid `Host`, which HTTP/1.1 answers 400 (RFC 9112 §3.2): `MALFORMED_REQUEST` (`invalidHost`). Express
 * refuses the same requests alike (`readNodeRequestTarget` of @orders/http-common). Anything else that
 * gets here escaped the app's own error handling (`app.onError`): 500 `INTERNAL_ERROR` problem+json.
 * The request never reached the pipeline, so its `X-Request-Id` is a fresh one and `onRequest` does
 * not hear of it. `serve()` takes no `errorHandler`: create the server around the listener.
 * @example
 * import { createServer } from 'node:http'
 * import { getRequestListener } from '@hono/node-server'
 * const app = createHonoApp({ service: createOrderService(adapters), auth: { jwtSecret } })
 * createServer(getRequestListener(app.fetch, { errorHandler: nodeServerErrorHandler })).listen(3000)
 */
export function nodeServerErrorHandler(error: unknown): Response {
  const answered = !isRequestError(error)
    ? error
    : HOST_ERRORS.has((error as Error).message)
      ? invalidHost(error)
      : unknownRequestTarget(error)
  const result = problemResult(answered, requestIdOf(undefined))
  return new Response(result.body, { status: result.status, headers: result.headers })
}

/** Node-server's messages for a request whose `Host` makes no URL. */
const HOST_ERRORS = new Set(['Invalid host header', 'Missing host header'])

/** Node-server's `RequestError`, known by its name so this package does not import node-server. */
function isRequestError(error: unknown): boolean {
  return error instanceof Error && error.name === 'RequestError'
}
