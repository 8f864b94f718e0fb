import { type DestinationStream, type Logger, pino } from 'pino'
import type { ServerConfig } from '../config/server-config.js'

/** JSON logs (pino) on stdout; every line names the service, instance and role. */
export function createLogger(
  config: Pick<ServerConfig, 'logLevel' | 'instanceId' | 'role'>,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'order-service', instance: config.instanceId, role: config.role },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  )
}
