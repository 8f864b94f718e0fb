import type { ProductRepository, ProductState } from '@orders/core'
import { guarded, isDuplicateKey } from './errors.js'
import { assertInteger, assertPlainString, assertSafeKeys } from './guards.js'
import type { MongoRepositoryOptions } from './options.js'
import { type ProductDocument, productModel } from './schemas/product.schema.js'
import { writeLocks } from './write-locks.js'

function toDocument(state: ProductState): Omit<ProductDocument, '_id'> {
  if (state.deleted) return { version: state.version, deleted: true }
  const doc: Omit<ProductDocument, '_id'> = {
    name: state.name,
    price: state.price,
    available: state.available,
    version: state.version,
    deleted: false,
  }
  if (state.stock !== undefined) doc.stock = state.stock
  return doc
}

function fromDocument(doc: ProductDocument): ProductState {
  if (doc.deleted) return { productId: doc._id, version: doc.version, deleted: true }
  const product: ProductState = {
    productId: doc._id,
    name: doc.name ?? '',
    price: doc.price as { amount: number; currency: string },
    available: doc.available ?? false,
    version: doc.version,
    deleted: false,
  }
  if (doc.stock !== undefined && doc.stock !== null) product.stock = doc.stock
  return product
}

/**
 * The durable product replica: one document per product, replaced only by a strictly newer version
 * (an upsert whose filter is `version < new`: an equal or newer stored version makes the insert
 * half collide on `_id`, which means "not applied").
 * @example
 * const products = mongoProductRepository({ connection })
 * const { applied, current } = await products.upsert(state)
 */
export function mongoProductRepository(options: MongoRepositoryOptions): ProductRepository {
  const model = productModel(options.connection)
  const writes = writeLocks(options.connection, options.writeLocks)
  const session = options.session ? { session: options.session } : {}

  const get = async (productId: string) => {
    assertPlainString(productId, 'productId')
    const doc = await guarded(() => model.findById(productId, null, session).lean<ProductDocument>().exec())
    return doc ? fromDocument(doc) : null
  }

  return {
    get,

    async getMany(productIds) {
      productIds.forEach((id, i) => {
        assertPlainString(id, `productIds[${i}]`)
      })
      if (productIds.length === 0) return []
      const docs = await guarded(() =>
        model
          .find({ _id: { $in: [...productIds] } }, null, session)
          .lean<ProductDocument[]>()
          .exec(),
      )
      return docs.map(fromDocument)
    },

    async upsert(state) {
      assertPlainString(state.productId, 'productId')
      assertInteger(state.version, 'version')
      assertSafeKeys(state, 'product')
      try {
        const result = await writes.run(`products:${state.productId}`, (bound) =>
          guarded(() =>
            model
              .replaceOne({ _id: state.productId, version: { $lt: state.version } }, toDocument(state), {
                ...session,
                ...bound,
                upsert: true,
              })
              .exec(),
          ),
        )
        if (result.matchedCount === 1 || result.upsertedCount === 1) return { applied: true, current: state }
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
      }
      const current = await get(state.productId)
      if (!current) throw new Error(`[orders] [mongo] product ${state.productId} vanished during an upsert`)
      return { applied: false, current }
    },
  }
}
