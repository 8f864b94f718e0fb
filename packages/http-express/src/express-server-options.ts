import { IncomingMessage, type ServerOptions, ServerResponse } from 'node:http'
import type { Express } from 'express'

/** What `http.createServer(options, app)` needs so that Express finds its prototypes already in place. */
export type ExpressServerOptions = Required<Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>>

const prepared = new WeakMap<Express, ExpressServerOptions>()

/**
 * Node server options under which each request and response is built with `app`'s Express prototypes,
 * so Express's `Object.setPrototypeOf(req, app.request)` at the start of every request changes nothing.
 *
 * Why: on Node 20 (V8 11) an object whose prototype is swapped gets a detached hidden class, and every
 * later first write to one of its fields (node sets `complete`, `_dumped`, `finished`, ... on each
 * request) copies that class again. Each request and response then has hidden classes of its own: every
 * property access on them misses its inline cache, and the copies fill the heap. Measured on the bench's
 * bare Express route, the swap made a POST cost ~2.8 times the server CPU (bench/http/README.md).
 *
 * It replaces `app.request` and `app.response` with the prototypes of the two classes, which take over
 * their properties and their place in the prototype chain: `req.app`, `res.json` and the rest behave as
 * before, mounting the app in another still works, and a server built without these options still serves
 * `app` (with the swap's cost). Visible differences: `req.constructor` is the new class, and a request
 * has Express's members before Express handles it (in a listener in front of the app). Call it once per
 * app, before anything keeps `app.request` or `app.response`: it returns the same options afterwards,
 * even if they were replaced again. `createExpressApp` calls it when it creates the app and its
 * `app.listen` uses them; pass them yourself when you create the server.
 * @example
 * const app = createExpressApp(options)
 * http.createServer(expressServerOptions(app), app).listen(3000)
 */
export function expressServerOptions(app: Express): ExpressServerOptions {
  const known = prepared.get(app)
  if (known !== undefined) return known
  class ExpressRequest extends IncomingMessage {}
  class ExpressResponse extends ServerResponse {}
  app.request = takeOver(ExpressRequest.prototype, app.request) as Express['request']
  app.response = takeOver(ExpressResponse.prototype, app.response) as Express['response']
  const options: ExpressServerOptions = {
    IncomingMessage: ExpressRequest,
    ServerResponse: ExpressResponse as typeof ServerResponse,
  }
  prepared.set(app, options)
  return options
}

/**
 * Makes `prototype` stand in for `previous` (Express's per-app `request` or `response`): the same own
 * properties (`app`) and the same prototype, so mounting the app later re-parents it as Express expects.
 */
function takeOver(prototype: object, previous: object): object {
  const { constructor: _, ...own } = Object.getOwnPropertyDescriptors(previous)
  Object.defineProperties(prototype, own)
  Object.setPrototypeOf(prototype, Object.getPrototypeOf(previous))
  return prototype
}
