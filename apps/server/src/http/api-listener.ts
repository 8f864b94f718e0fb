import { getRequestListener } from '@hono/node-server'
import type { HttpOptions } from '@orders/http-common'
import { createExpressApp } from '@orders/http-express'
import { createHonoApp } from '@orders/http-hono'
import type { RequestListener } from './request-listener.js'

/** The API on the configured framework, as a Node request handler. */
export function createApiListener(framework: 'express' | 'hono', options: HttpOptions): RequestListener {
  if (framework === 'hono') {
    const listener = getRequestListener(createHonoApp(options).fetch)
    return (req, res) => {
      void listener(req, res)
    }
  }
  const app = createExpressApp(options)
  return (req, res) => {
    app(req, res)
  }
}
