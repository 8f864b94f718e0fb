import type { AddressInfo } from 'node:net'
import { productFromData } from '@orders/core'
import type { Container } from 'inversify'
import type { Logger } from 'pino'
import { buildContainer } from './composition/build-container.js'
import { resolver } from './composition/tokens.js'
import type { ServerConfig } from './config/server-config.js'
import { DEMO_CATALOG } from './demo/demo-catalog.js'
import { baseUrl, startupBanner } from './demo/startup-banner.js'
import { createHttpServer, type HttpServer } from './http/http-server.js'
import { createOpsEndpoints } from './ops/ops-endpoints.js'
import { startWorker, type Worker } from './worker/worker.js'

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly container: Container
  /**
   * Graceful shutdown within `config.shutdownTimeoutMs`: stop accepting, finish in-flight requests,
   * stop consuming, flush the outbox relay, close connections. `clean` is false when the deadline
   * cut something short.
   */
  stop(reason: string): Promise<{ clean: boolean }>
}

export interface StartOptions {
  /** Where the plain-text embedded-default banner goes. @default process.stderr */
  banner?: (text: string) => void
}

/**
 * Starts one instance: builds the container, loads the demo catalog when configured, listens
 * (API + ops endpoints; ops only for ROLE=worker) and starts the worker (ROLE=all|worker).
 * @example
 * const server = await startServer(loadConfig(readEnv().env, AVAILABLE_ADAPTERS), logger)
 * process.once('SIGTERM', () => server.stop('SIGTERM'))
 */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  logStartup(config, logger)
  const container = await buildContainer(config, logger)
  let shuttingDown = false
  let worker: Worker | undefined
  let http: HttpServer
  let address: AddressInfo
  try {
    const deps = resolver(container)
    const service = await deps.get('service')
    const storage = await deps.get('storage')
    logger.info({ storage: storage.kind }, `storage: ${storage.kind}`)
    if (config.demoCatalog) {
      // Seed data goes to the replica only (version-guarded); the cache fills on the first lookup. A product
      // change would also have to reach the cache, and fail the start while Redis is down.
      for (const product of DEMO_CATALOG) await storage.products.upsert(productFromData(product))
      logger.info({ products: DEMO_CATALOG.map((p) => p.productId) }, 'demo catalog loaded (version 1)')
    }
    http = createHttpServer({
      ops: createOpsEndpoints({
        checks: await deps.all('healthCheck'),
        metrics: await deps.get('metrics'),
        healthCheckTimeoutMs: config.healthCheckTimeoutMs,
        shuttingDown: () => shuttingDown,
      }),
      api: config.role === 'worker' ? undefined : await deps.get('apiListener'),
      requestTimeoutMs: config.http.requestTimeoutMs,
      keepAliveTimeoutMs: config.http.keepAliveTimeoutMs,
    })
    ;(await deps.get('metrics')).trackInFlight(() => http.inFlight())
    if (config.role !== 'api') {
      worker = await startWorker({ service, consumers: await deps.all('consumer'), config, logger })
    }
    address = await http.listen(config.http.port, config.http.host)
  } catch (error) {
    // A start that fails half-way (e.g. the port is taken) leaves no loop, consumer or connection running
    // in the process that called it.
    await worker?.stop(Date.now())
    await container.unbindAllAsync().catch(() => {})
    throw error
  }
  const url = baseUrl(config, address.port)
  logger.info({ url, framework: config.http.framework }, `listening on ${url}`)
  // The curl commands authenticate with dev headers: only printed when those are on.
  if (config.embedded && config.auth.devHeaders) {
    const write = options.banner ?? ((text: string) => process.stderr.write(text))
    write(
      startupBanner(
        config,
        address.port,
        DEMO_CATALOG.map((p) => p.productId),
      ),
    )
  }

  let stopping: Promise<{ clean: boolean }> | undefined
  const stop = async (reason: string) => {
    shuttingDown = true
    const started = Date.now()
    const budget = config.shutdownTimeoutMs
    logger.info({ reason, inFlight: http.inFlight() }, 'shutting down: no new connections')
    const drained = await http.drain(started + budget * 0.6)
    logger.info({ drained }, drained ? 'in-flight requests finished' : 'deadline: open connections cut')
    await worker?.stop(started + budget * 0.85)
    await container.unbindAllAsync().catch((error: unknown) => {
      logger.error({ err: error }, 'closing connections failed')
    })
    const clean = drained && Date.now() - started < budget
    logger.info({ clean, ms: Date.now() - started }, 'stopped')
    return { clean }
  }
  return {
    url,
    port: address.port,
    container,
    stop(reason) {
      stopping ??= stop(reason)
      return stopping
    },
  }
}

function logStartup(config: ServerConfig, logger: Logger): void {
  const storage = config.mongo ? 'mongodb' : 'in-memory'
  const summary = {
    storage,
    cache: config.redis ? 'redis' : 'none',
    broker: config.amqp ? 'rabbitmq' : 'none (events are logged)',
    framework: config.http.framework,
    nodeEnv: config.nodeEnv,
  }
  if (config.embedded) {
    logger.info(summary, 'starting the embedded default: in-memory storage, nothing is persisted')
  } else if (!config.mongo) {
    logger.warn(summary, 'starting with in-memory storage: orders are lost on restart')
  } else {
    logger.info(summary, 'starting')
  }
  if (config.auth.devHeaders) {
    logger.warn(
      'AUTH_DEV_HEADERS is on: X-User-Id / X-Role headers are trusted WITHOUT authentication. ' +
        'Anyone reaching this port can act as any user or admin. Never use this in production.',
    )
  }
}
