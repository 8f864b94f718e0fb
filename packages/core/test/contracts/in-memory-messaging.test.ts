import {
  describeEventPublisherContract,
  describeProductCacheContract,
  describeProductSourceContract,
} from '@orders/contract-tests'
import {
  type InMemoryEventPublisher,
  inMemoryEventPublisher,
  inMemoryProductCache,
  inMemoryProductSource,
} from '../../src/testing/index.js'

describeProductCacheContract({
  name: 'in-memory',
  ttlSeconds: 60,
  create: ({ clock }) => inMemoryProductCache({ clock, ttlSeconds: 60 }),
})

let publisher: InMemoryEventPublisher
describeEventPublisherContract({
  name: 'in-memory',
  create: () => {
    publisher = inMemoryEventPublisher()
    return publisher
  },
  received: async () => [...publisher.published],
})

describeProductSourceContract({ name: 'in-memory', create: ({ catalog }) => inMemoryProductSource(catalog) })
