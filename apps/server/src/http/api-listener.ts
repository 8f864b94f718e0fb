import { getRequestListener } from '@hono/node-server'
import type { HttpOptions } from '@orders/http-common'
import { createExpressApp, expressServerOptions } from '@orders/http-express'
import { createHonoApp, nodeServerErrorHandler } from '@orders/http-hono'
import type { ApiListener } from './request-listener.js'

/** The API on the configured framework, as a Node request handler and its server options. */
export function createApiListener(framework: 'express' | 'hono', options: HttpOptions): ApiListener {
  if (framework === 'hono') {
    // Requests node-server refuses before Hono runs (`GET /carts\user-a`, `OPTIONS *`) answer problem+json too.
    const listener = getRequestListener(createHonoApp(options).fetch, {
      errorHandler: nodeServerErrorHandler,
    })
    return {
      handle: (req, res) => {
        void listener(req, res)
      },
      serverOptions: {},
    }
  }
  const app = createExpressApp(options)
  return { handle: app, serverOptions: expressServerOptions(app) }
}
