import { describeOrderRepositoryContract } from '@orders/contract-tests'
import { describe } from 'vitest'
import { mongoOrderRepository } from '../src/index.js'
import { mongodbUri, useTestDatabase } from './support/database.js'

describe.skipIf(!mongodbUri)('mongo orders', () => {
  const db = useTestDatabase('orders')
  describeOrderRepositoryContract({
    name: 'mongo',
    create: ({ clock, maxPendingEvents }) =>
      mongoOrderRepository({ connection: db.connection, clock, maxPendingEvents }),
  })
})
