import type { OutboxEvent } from '../domain/events.js'

/** Publishes order events to subscribers (the message broker). */
export interface EventPublisher {
  /**
   * Publishes the events, each one persistent, and resolves only once the broker has confirmed
   * every one of them. Rejects if any is not confirmed; the caller then retries them all
   * (delivery is at-least-once, consumers dedupe on `id`).
   */
  publish(events: readonly OutboxEvent[]): Promise<void>
}
