import { dependencyUnavailable, type ProductRepository, type ProductState } from '@orders/core'
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
 * How many conditional writes one upsert makes before giving up (DEPENDENCY_UNAVAILABLE): each
 * retry follows a read that found an older version stored, so only a stream of ever newer versions
 * still older than ours keeps it going.
 */
const MAX_UPSERT_WRITES = 5

/**
 * The durable product replica: one document per product, replaced only by a strictly newer version
 * (filter `version < new`). The first write is an upsert. Its E11000 (the filter matched nothing and
 * the `_id` exists) does not mean "not applied": when two versions of a new product race, the older
 * may be inserted between the newer's match and its insert — MongoDB retries such an upsert only
 * for a filter of equalities. So a non-applied write reads what is stored: equal or newer is "not
 * applied"; older means replace again (without upsert: the document exists).
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

  /**
   * True when `state` replaced an older version (or, with `insertIfMissing`, was inserted); false
   * when nothing matched or the insert collided on `_id`: the caller reads what is stored.
   */
  const replaceIfNewer = async (state: ProductState, insertIfMissing: boolean): Promise<boolean> => {
    try {
      const result = await writes.run(`products:${state.productId}`, (bound) =>
        guarded(() =>
          model
            .replaceOne({ _id: state.productId, version: { $lt: state.version } }, toDocument(state), {
              ...session,
              ...bound,
              upsert: insertIfMissing,
            })
            .exec(),
        ),
      )
      return result.matchedCount === 1 || result.upsertedCount === 1
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
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
      let insertIfMissing = true
      for (let attempt = 1; ; attempt += 1) {
        if (await replaceIfNewer(state, insertIfMissing)) return { applied: true, current: state }
        const current = await get(state.productId)
        if (current && current.version >= state.version) return { applied: false, current }
        if (attempt >= MAX_UPSERT_WRITES) {
          throw dependencyUnavailable(
            'mongo',
            `product ${state.productId} kept changing during an upsert of version ${state.version}`,
          )
        }
        insertIfMissing = current === null
      }
    },
  }
}
