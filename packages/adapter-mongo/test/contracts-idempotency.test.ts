import { describeIdempotencyStoreContract } from '@orders/contract-tests'
import { describe } from 'vitest'
import { mongoIdempotencyStore } from '../src/index.js'
import { mongodbUri, useTestDatabase } from './support/database.js'

describe.skipIf(!mongodbUri)('mongo idempotency', () => {
  const db = useTestDatabase('idempotency')
  describeIdempotencyStoreContract({
    name: 'mongo',
    create: ({ clock }) => mongoIdempotencyStore({ connection: db.connection, clock }),
  })
})
