import {
  describeCartRepositoryContract,
  describeIdempotencyStoreContract,
  describeOrderRepositoryContract,
  describeProductRepositoryContract,
} from '@orders/contract-tests'
import {
  inMemoryCartRepository,
  inMemoryIdempotencyStore,
  inMemoryOrderRepository,
  inMemoryProductRepository,
} from '../../src/testing/index.js'

describeOrderRepositoryContract({
  name: 'in-memory',
  create: ({ clock, maxPendingEvents }) => inMemoryOrderRepository({ clock, maxPendingEvents }),
})
describeCartRepositoryContract({ name: 'in-memory', create: () => inMemoryCartRepository() })
describeProductRepositoryContract({ name: 'in-memory', create: () => inMemoryProductRepository() })
describeIdempotencyStoreContract({
  name: 'in-memory',
  create: ({ clock }) => inMemoryIdempotencyStore({ clock }),
})
