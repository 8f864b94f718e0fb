import { type Actor, createOrderService, type OrderServiceOptions, type ProductData } from '@orders/core'
import { inMemoryProductCache, inMemoryProductSource, manualClock } from '@orders/core/testing'
import type { Connection } from 'mongoose'
import { type MongoAdapters, mongoAdapters } from '../../src/index.js'

/** `count` products `<prefix>-000` … priced 100, 101, … EUR. */
export function aCatalog(prefix: string, count: number): ProductData[] {
  return Array.from({ length: count }, (_, i) => ({
    productId: `${prefix}-${String(i).padStart(3, '0')}`,
    name: `Product ${i}`,
    price: { amount: 100 + i, currency: 'EUR' },
    available: true,
    version: 1,
  }))
}

export const customer = (userId: string): Actor => ({ userId, role: 'customer' })

const quiet = { info: () => {} }

/**
 * The order service on the Mongo adapters (the database of the test file) with an in-memory product
 * cache and ProductService, and a manual clock started at the real time.
 */
export async function aMongoService(
  connection: Connection,
  options: {
    catalog: ProductData[]
    service?: OrderServiceOptions
    wrap?: (a: MongoAdapters) => MongoAdapters
  },
) {
  const clock = manualClock(new Date())
  const mongo = await mongoAdapters({ connection, clock, logger: quiet })
  const adapters = options.wrap ? options.wrap(mongo) : mongo
  const service = createOrderService(
    {
      ...adapters,
      clock,
      productCache: inMemoryProductCache({ clock }),
      productSource: inMemoryProductSource(options.catalog),
    },
    options.service,
  )
  return { service, adapters: mongo, clock }
}
