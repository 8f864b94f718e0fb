import type { EventPublisher } from '@orders/core'
import type { Logger } from 'pino'

/**
 * The event publisher when no broker is configured: each event is written to the log (info level)
 * and counts as delivered. Nothing is kept in memory, so a long-running embedded server does not grow.
 */
export function logEventPublisher(logger: Logger): EventPublisher {
  return {
    async publish(events) {
      for (const event of events) {
        logger.info(
          { eventId: event.id, type: event.type, subject: event.subject, requestId: event.requestId },
          `event ${event.type} (no AMQP_URL: logged, not sent)`,
        )
      }
    },
  }
}
