import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OrderServiceError } from '@orders/core'
import { PROBLEM_TYPE, problemBody } from '@orders/http-common'
import { type OpsHandler, send } from '../ops/ops-endpoints.js'
import type { ApiListener } from './request-listener.js'

const NO_API = 'this instance runs ROLE=worker: the API is served by ROLE=api or ROLE=all instances'

export interface HttpServer {
  readonly server: Server
  listen(port: number, host: string): Promise<AddressInfo>
  /** Requests accepted and not yet answered. */
  inFlight(): number
  /**
   * Stops accepting connections, lets accepted requests finish (their responses close the
   * connection), closes idle keep-alive connections, and resolves once every connection is gone.
   * At `deadline` (epoch ms) the remaining connections are cut; resolves `false` then.
   */
  drain(deadline: number): Promise<boolean>
}

/** A Node HTTP server: ops endpoints first, then the API. */
export function createHttpServer(options: {
  ops: OpsHandler
  api: ApiListener | undefined
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
}): HttpServer {
  const active = new Set<ServerResponse>()
  let draining = false
  const server = createServer(options.api?.serverOptions ?? {}, (req, res) => {
    active.add(res)
    if (draining) res.shouldKeepAlive = false
    res.once('close', () => {
      active.delete(res)
      if (draining) setImmediate(() => server.closeIdleConnections())
    })
    if (options.ops(req, res)) return
    if (options.api) options.api.handle(req, res)
    else {
      send(res, 404, PROBLEM_TYPE, JSON.stringify(problemBody(new OrderServiceError('NOT_FOUND', NO_API))))
    }
  })
  server.requestTimeout = options.requestTimeoutMs
  server.headersTimeout = Math.min(options.requestTimeoutMs, 60_000)
  server.keepAliveTimeout = options.keepAliveTimeoutMs

  return {
    server,
    inFlight: () => active.size,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          resolve(server.address() as AddressInfo)
        })
      })
    },
    drain(deadline) {
      draining = true
      // Answers still to be written close their connection instead of keeping it alive.
      for (const res of active) if (!res.headersSent) res.shouldKeepAlive = false
      return new Promise((resolve) => {
        if (!server.listening) return resolve(true)
        const timer = setTimeout(
          () => {
            server.closeAllConnections()
            resolve(false)
          },
          Math.max(0, deadline - Date.now()),
        )
        server.close(() => {
          clearTimeout(timer)
          resolve(true)
        })
        server.closeIdleConnections()
      })
    },
  }
}
