import type { CartPrimitives, CartRepository } from '@orders/core'
import { guarded, isDuplicateKey } from './errors.js'
import { assertInteger, assertPlainString, assertSafeKeys } from './guards.js'
import type { MongoRepositoryOptions } from './options.js'
import { type CartDocument, cartModel } from './schemas/cart.schema.js'
import { BUSY, writeLocks } from './write-locks.js'

function toDocument(cart: CartPrimitives): CartDocument {
  return {
    _id: cart.userId,
    lines: cart.lines,
    version: cart.version,
    updatedAt: cart.updatedAt,
    checkout: cart.checkout,
    checkoutStartedAt: cart.checkout?.startedAt ?? null,
  }
}

function fromDocument(doc: CartDocument): CartPrimitives {
  return {
    userId: doc._id,
    lines: doc.lines as CartPrimitives['lines'],
    version: doc.version,
    updatedAt: doc.updatedAt,
    checkout: (doc.checkout ?? null) as CartPrimitives['checkout'],
  }
}

/**
 * Carts in MongoDB: one document per user, each save conditional on the stored `version`
 * (create = insert against the unique `_id`; update = replace where `version` matches).
 * @example
 * const carts = mongoCartRepository({ connection })
 * await carts.save(cart, { expectedVersion: 0 })
 */
export function mongoCartRepository(options: MongoRepositoryOptions): CartRepository {
  const model = cartModel(options.connection)
  const writes = writeLocks(options.connection, options.writeLocks)
  const session = options.session ? { session: options.session } : {}

  return {
    async get(userId) {
      assertPlainString(userId, 'userId')
      const doc = await guarded(() => model.findById(userId, null, session).lean<CartDocument>().exec())
      return doc ? fromDocument(doc) : null
    },

    async save(cart, { expectedVersion }) {
      assertPlainString(cart.userId, 'userId')
      assertInteger(expectedVersion, 'expectedVersion')
      assertSafeKeys(cart, 'cart')
      const doc = toDocument(cart)
      if (expectedVersion === 0) {
        try {
          await guarded(() => model.create([doc], session))
          return true
        } catch (error) {
          if (isDuplicateKey(error)) return false
          throw error
        }
      }
      const { _id, ...fields } = doc
      // Only saves lock a cart: a busy lock means a save of it is running right now. It most likely
      // makes this version stale, but it may also fail itself (a stale version of its own): so wait
      // briefly (~150 ms at most) while the stored version is still the expected one, so that a
      // correct expected version (an HTTP If-Match) is not refused merely for the overlap.
      const stillExpected = async () => {
        const stored = await guarded(() =>
          model.findById(_id, { version: 1 }, session).lean<Pick<CartDocument, 'version'>>().exec(),
        )
        return stored?.version === expectedVersion
      }
      const result = await writes.runUnlessBusy(
        `carts:${_id}`,
        (bound) =>
          guarded(() =>
            model
              .replaceOne({ _id, version: expectedVersion }, fields, {
                ...session,
                ...bound,
                sanitizeFilter: true,
              })
              .exec(),
          ),
        { worthWaiting: stillExpected },
      )
      return result !== BUSY && result.matchedCount === 1
    },

    async findStaleCheckouts({ startedBefore, limit }) {
      assertPlainString(startedBefore, 'startedBefore')
      assertInteger(limit, 'limit')
      const docs = await guarded(() =>
        model
          .find({ checkoutStartedAt: { $lt: startedBefore } }, null, session)
          .sort({ checkoutStartedAt: 1 })
          .limit(limit)
          .lean<CartDocument[]>()
          .exec(),
      )
      return docs.map(fromDocument)
    },
  }
}
