import type { EventPublisher, ProductData, ProductSource } from '../../../src/index.js'
import { type InMemoryEventPublisher, inMemoryProductSource } from '../../../src/testing/index.js'

/** Flaw: only the first event of a batch is published. */
export function publisherDroppingBatches(inner: InMemoryEventPublisher): EventPublisher {
  return { publish: (events) => inner.publish(events.slice(0, 1)) }
}

/** Flaw: unknown ids are dropped instead of being reported as missing. */
export function productSourceForgettingMissing(catalog: readonly ProductData[]): ProductSource {
  const inner = inMemoryProductSource(catalog)
  return {
    async fetch(ids) {
      const { products } = await inner.fetch(ids)
      return { products, missing: [] }
    },
  }
}
