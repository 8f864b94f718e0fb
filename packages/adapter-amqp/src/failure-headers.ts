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

/** Where a message was published: the exchange and the routing key its bindings matched. */
export interface MessageRoute {
  exchange: string
  routingKey: string
}

/**
 * The exchange and routing key `message` was first published with; `undefined` when nothing records them.
 * A delivery through a named exchange carries them itself. One through the default exchange came back to the
 * queue by name (a retry that expired, a DLQ replay, a manual publish), so its routing key is the queue's
 * name: the first route is then read from the headers this adapter puts on its copies, else from the
 * `x-death` entry RabbitMQ wrote when it dead-lettered the message out of the queue the exchange routed it to.
 */
export function originalRoute(message: Message): MessageRoute | undefined {
  const { exchange, routingKey } = message.fields
  if (exchange !== '') return { exchange, routingKey }
  const headers = message.properties.headers ?? {}
  const recorded = routeOf(
    headers[FAILURE_HEADERS.originalExchange],
    headers[FAILURE_HEADERS.originalRoutingKey],
  )
  return recorded ?? routeFromDeaths(headers['x-death'])
}

/** The oldest `x-death` entry naming an exchange (entries are newest first; copies to a queue name none). */
function routeFromDeaths(deaths: unknown): MessageRoute | undefined {
  if (!Array.isArray(deaths)) return undefined
  for (const death of [...deaths].reverse()) {
    const route = routeOf(death?.exchange, death?.['routing-keys']?.[0])
    if (route) return route
  }
  return undefined
}

/** A route through a named exchange; the default exchange's routing key is only a queue name. */
function routeOf(exchange: unknown, routingKey: unknown): MessageRoute | undefined {
  if (typeof exchange !== 'string' || exchange === '' || typeof routingKey !== 'string') return undefined
  return { exchange, routingKey }
}

export function truncateReason(reason: string): string {
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason
}

/**
 * The publish options of a copy of `message`: same body properties, persistent, mandatory (an unroutable
 * copy is returned instead of silently dropped), with `extra` headers on top of the original ones. The copy
 * records the route its `type` was checked against ({@link originalRoute}), so the same check passes when
 * it comes back through the default exchange.
 */
export function copyOptions(message: Message, extra: MessagePropertyHeaders): Options.Publish {
  const { properties, fields } = message
  const headers: MessagePropertyHeaders = { ...properties.headers }
  for (const name of DELIVERY_HEADERS) delete headers[name]
  const route = originalRoute(message) ?? fields
  headers[FAILURE_HEADERS.originalExchange] = route.exchange
  headers[FAILURE_HEADERS.originalRoutingKey] = route.routingKey
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
