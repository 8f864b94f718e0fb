import { describeCartRepositoryContract, describeProductRepositoryContract } from '@orders/contract-tests'
import { describe } from 'vitest'
import { mongoCartRepository, mongoProductRepository } from '../src/index.js'
import { mongodbUri, useTestDatabase } from './support/database.js'

describe.skipIf(!mongodbUri)('mongo carts and products', () => {
  const db = useTestDatabase('carts_products')
  describeCartRepositoryContract({
    name: 'mongo',
    create: () => mongoCartRepository({ connection: db.connection }),
  })
  describeProductRepositoryContract({
    name: 'mongo',
    create: () => mongoProductRepository({ connection: db.connection }),
  })
})
