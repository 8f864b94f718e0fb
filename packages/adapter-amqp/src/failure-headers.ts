import type { Message, MessagePropertyHeaders, Options } from 'amqplib'

/** Headers this adapter sets on retried and dead-lettered copies (documented in the README). */
export const FAILURE_HEADERS = {
  /** Attempts made so far (an integer). */
  attempts: 'x-attempts',
  /** Why the last attempt failed (on retry copies). */
  retryReason: 'x-retry-reason',
  /** Why the message is in the DLQ. */
  deathReason: 'x-death-reason',
  /** ISO time the message was dead-lettered. */
  deadLetteredAt: 'x-dead-lettered-at',
  /** Exchange and routing key of the first delivery (retries travel through the default exchange). */
  originalExchange: 'x-original-exchange',
  originalRoutingKey: 'x-original-routing-key',
} as const

/** Headers RabbitMQ sets per delivery; a copy must not carry them over. */
const DELIVERY_HEADERS = ['x-delivery-count']

const MAX_REASON_LENGTH = 1000

/** How many attempts were made before this delivery (0 for a fresh message). */
export function attemptsBefore(message: Message): number {
  const value = Number(message.properties.headers?.[FAILURE_HEADERS.attempts] ?? 0)
  return Number.isSafeInteger(value) && value > 0 ? value : 0
}

export function truncateReason(reason: string): string {
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason
}

/**
 * The publish options of a copy of `message`: same body properties, persistent, mandatory (an unroutable
 * copy is returned instead of silently dropped), with `extra` headers on top of the original ones.
 */
export function copyOptions(message: Message, extra: MessagePropertyHeaders): Options.Publish {
  const { properties, fields } = message
  const headers: MessagePropertyHeaders = { ...properties.headers }
  for (const name of DELIVERY_HEADERS) delete headers[name]
  headers[FAILURE_HEADERS.originalExchange] ??= fields.exchange
  headers[FAILURE_HEADERS.originalRoutingKey] ??= fields.routingKey
  const options: Options.Publish = { headers: { ...headers, ...extra }, persistent: true, mandatory: true }
  if (properties.contentType) options.contentType = properties.contentType
  if (properties.contentEncoding) options.contentEncoding = properties.contentEncoding
  if (properties.messageId) options.messageId = properties.messageId
  if (properties.correlationId) options.correlationId = properties.correlationId
  if (properties.type) options.type = properties.type
  if (properties.appId) options.appId = properties.appId
  if (properties.timestamp) options.timestamp = properties.timestamp
  return options
}
