import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { createOrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import type { HttpOptions } from '@orders/http-common'
import { createExpressApp } from '@orders/http-express'
import { createHonoApp, nodeServerErrorHandler } from '@orders/http-hono'
import { CONTRACT_CATALOG, CONTRACT_JWT_SECRET, type StartedServer } from '../../src/index.js'

/** A fresh in-memory core with the contract catalog, and HS256 auth with the contract secret. */
function backend() {
  const adapters = inMemoryAdapters({ catalog: CONTRACT_CATALOG })
  const options: HttpOptions = {
    service: createOrderService(adapters),
    auth: { jwtSecret: CONTRACT_JWT_SECRET },
  }
  return { adapters, options }
}

export async function startExpress(): Promise<StartedServer> {
  const { adapters, options } = backend()
  const server = createExpressApp(options).listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    adapters,
  }
}

export async function startHono(): Promise<StartedServer> {
  const { adapters, options } = backend()
  // As the server hosts it: node-server's refusals (`OPTIONS *`) answer problem+json (`serve()` takes no errorHandler).
  const listener = getRequestListener(createHonoApp(options).fetch, { errorHandler: nodeServerErrorHandler })
  const server = createServer(listener).listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    adapters,
  }
}
