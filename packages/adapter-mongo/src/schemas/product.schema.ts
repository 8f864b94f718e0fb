import { type Connection, type Model, Schema } from 'mongoose'
import { collectionOptions, moneySchema } from './common.js'

/** The product replica: `_id` = productId; a tombstone keeps only `version` and `deleted: true`. */
export interface ProductDocument {
  _id: string
  name?: string
  price?: unknown
  available?: boolean
  stock?: number
  version: number
  deleted: boolean
}

export const productSchema = new Schema<ProductDocument>(
  {
    _id: { type: String, required: true },
    name: String,
    price: moneySchema,
    available: Boolean,
    stock: Number,
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { ...collectionOptions, collection: 'products' },
)

export function productModel(connection: Connection): Model<ProductDocument> {
  return (
    (connection.models.Product as Model<ProductDocument> | undefined) ??
    connection.model('Product', productSchema)
  )
}
