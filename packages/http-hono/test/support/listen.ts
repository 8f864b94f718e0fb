import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'

/**
 * Serves a Hono app with @hono/node-server on 127.0.0.1 and a free port, as the server does.
 * Also used by @orders/http-contract-tests' tests until @hono/node-server is a devDependency there.
 */
export async function listenHono(app: Hono): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
