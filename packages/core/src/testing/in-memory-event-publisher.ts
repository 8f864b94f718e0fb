import type { OutboxEvent } from '../domain/events.js'
import { plainCopy } from '../domain/plain-copy.js'
import type { EventPublisher } from '../ports/event-publisher.port.js'
import { FailureInjector } from './failure-injector.js'

export interface InMemoryEventPublisher extends EventPublisher {
  readonly failures: FailureInjector
  /** Every event published (confirmed), in order, duplicates included. */
  readonly published: readonly OutboxEvent[]
}

/** Records published events in memory; `failures.failNext('publish')` simulates an unconfirmed publish. */
export function inMemoryEventPublisher(): InMemoryEventPublisher {
  const published: OutboxEvent[] = []
  const failures = new FailureInjector()
  return {
    failures,
    published,
    async publish(events) {
      failures.check('publish', true)
      published.push(...plainCopy([...events]))
    },
  }
}
