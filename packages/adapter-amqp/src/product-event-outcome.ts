import { isOrderServiceError, type ProductApplyResult, type ProductState } from '@orders/core'
import type { Message } from 'amqplib'
import { attemptsBefore, originalRoute, truncateReason } from './failure-headers.js'
import { readProductEvent } from './message-contract.js'
import type { RetryQueue } from './topology.js'

/** What to do with one delivered product event once it was handled. */
export type ProductEventOutcome =
  | { kind: 'applied' }
  | { kind: 'ignored' }
  | { kind: 'retry'; queue: RetryQueue; attempts: number; reason: string }
  | { kind: 'dead'; attempts: number; reason: string }

/** The part of the core's ProductSync the consumer needs (`createOrderService(...).products`). */
export interface ProductEventSink {
  apply(state: ProductState): Promise<ProductApplyResult>
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Validates and applies one message. Never throws: an invalid message is dead at once; a failing apply goes
 * to the retry queue of its attempt, and to the DLQ once every retry was used. `type` is checked against the
 * routing key the event was first published with, not the one it arrived with: a retry comes back through
 * the default exchange with the queue's name as its key. A message put into the queue by name with no
 * recorded first route (e.g. an operator's `amqp-publish -r <queue>`) has no key to check and is read on its
 * `type` alone.
 */
export async function handleProductEvent(
  message: Message,
  sink: ProductEventSink,
  retryQueues: readonly RetryQueue[],
): Promise<ProductEventOutcome> {
  const attempts = attemptsBefore(message) + 1
  const read = readProductEvent(message.content, originalRoute(message)?.routingKey)
  if (!read.ok) return { kind: 'dead', attempts, reason: truncateReason(`invalid message: ${read.reason}`) }
  try {
    const result = await sink.apply(read.value.state)
    return { kind: result.applied ? 'applied' : 'ignored' }
  } catch (error) {
    if (isOrderServiceError(error, 'VALIDATION_FAILED')) {
      return { kind: 'dead', attempts, reason: truncateReason(`invalid message: ${messageOf(error)}`) }
    }
    const queue = retryQueues[attempts - 1]
    const reason = truncateReason(messageOf(error))
    if (queue) return { kind: 'retry', queue, attempts, reason }
    return { kind: 'dead', attempts, reason: truncateReason(`failed ${attempts} times, last: ${reason}`) }
  }
}
