import type { Connection } from 'mongoose'
import { guarded } from '../errors.js'
import { cartModel } from './cart.schema.js'
import { idempotencyModel } from './idempotency.schema.js'
import { orderModel } from './order.schema.js'
import { productModel } from './product.schema.js'

export { cartModel, idempotencyModel, orderModel, productModel }

/** Creates the collections and their indexes (idempotent; existing ones are left as they are). */
export async function ensureMongoIndexes(connection: Connection): Promise<void> {
  await guarded(() => connection.asPromise())
  for (const model of [
    orderModel(connection),
    cartModel(connection),
    productModel(connection),
    idempotencyModel(connection),
  ]) {
    await guarded(async () => {
      await model.createCollection().catch((error: unknown) => {
        if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error
      })
      await model.createIndexes()
    })
  }
}
