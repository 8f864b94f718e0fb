import { type Connection, type Model, Schema } from 'mongoose'
import { cartLineSchema, checkoutMarkSchema, collectionOptions } from './common.js'

/** One cart per user (`_id` = userId), never deleted; `version` only increases. */
export interface CartDocument {
  _id: string
  lines: unknown[]
  version: number
  updatedAt: string
  checkout: unknown
  /** Copy of `checkout.startedAt` (null without a mark), indexed for the stale-checkout sweep. */
  checkoutStartedAt: string | null
}

export const cartSchema = new Schema<CartDocument>(
  {
    _id: { type: String, required: true },
    lines: { type: [cartLineSchema], required: true },
    version: { type: Number, required: true },
    updatedAt: { type: String, required: true },
    checkout: { type: checkoutMarkSchema, default: null },
    checkoutStartedAt: { type: String, default: null },
  },
  { ...collectionOptions, collection: 'carts' },
)

cartSchema.index({ checkoutStartedAt: 1 }, { name: 'checkout_started' })

export function cartModel(connection: Connection): Model<CartDocument> {
  return (connection.models.Cart as Model<CartDocument> | undefined) ?? connection.model('Cart', cartSchema)
}
