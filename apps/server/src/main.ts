import { type RunningServer, startServer } from './application.js'
import { AVAILABLE_ADAPTERS } from './composition/available-adapters.js'
import { ConfigError } from './config/config-error.js'
import { loadConfig } from './config/load-config.js'
import { readEnv } from './config/read-env.js'
import { createLogger } from './ops/logger.js'

/** `node apps/server/dist/main.js`: validate the configuration, start, stop gracefully on a signal. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig(readEnv().env, AVAILABLE_ADAPTERS)
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`)
    process.exit(2)
  }
  const logger = createLogger(config)
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception')
    process.exit(1)
  })
  process.on('unhandledRejection', (error) => {
    logger.fatal({ err: error }, 'unhandled rejection')
    process.exit(1)
  })
  // Registered before the start: a signal while starting (waiting for a broker, say) stops the server as soon as
  // it is up, gracefully, instead of killing the process half-started.
  let server: RunningServer | undefined
  let signalled: NodeJS.Signals | undefined
  const stop = (running: RunningServer, signal: NodeJS.Signals) =>
    running.stop(signal).then(
      ({ clean }) => process.exit(clean ? 0 : 1),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  const shutdown = (signal: NodeJS.Signals) => {
    signalled = signal
    // A second signal, or the deadline, ends the process at once.
    process.once(signal, () => process.exit(1))
    setTimeout(() => {
      logger.error({ deadlineMs: config.shutdownTimeoutMs }, 'shutdown deadline passed: exiting')
      process.exit(1)
    }, config.shutdownTimeoutMs + 500).unref()
    if (server) void stop(server, signal)
    else logger.info({ signal }, 'signal received while starting: stopping once started')
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
  server = await startServer(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'could not start')
    process.exit(1)
  })
  if (signalled) void stop(server, signalled)
}

void main()
