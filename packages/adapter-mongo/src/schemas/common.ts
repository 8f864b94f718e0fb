import { Schema, type SchemaOptions } from 'mongoose'

/**
 * Options every collection schema shares: no `__v` (the domain's own `version` guards writes), no
 * automatic index builds (`ensureMongoIndexes` builds them explicitly), unknown query fields throw.
 */
export const collectionOptions = {
  versionKey: false,
  autoIndex: false,
  autoCreate: false,
  minimize: false,
  strict: 'throw',
  strictQuery: 'throw',
} satisfies SchemaOptions

const embedded = { _id: false, versionKey: false, minimize: false, strict: 'throw' } as const

const integer = { type: Number, required: true, validate: Number.isSafeInteger }

export const moneySchema = new Schema(
  { amount: integer, currency: { type: String, required: true } },
  embedded,
)

export const orderLineSchema = new Schema(
  {
    productId: { type: String, required: true },
    name: { type: String, required: true },
    quantity: integer,
    unitPrice: { type: moneySchema, required: true },
    lineTotal: { type: moneySchema, required: true },
  },
  embedded,
)

export const addressSchema = new Schema(
  {
    name: { type: String, required: true },
    line1: { type: String, required: true },
    line2: String,
    city: { type: String, required: true },
    postalCode: { type: String, required: true },
    country: { type: String, required: true },
  },
  embedded,
)

export const statusChangeSchema = new Schema(
  {
    status: { type: String, required: true },
    at: { type: String, required: true },
    actor: { type: String, required: true },
    reason: String,
  },
  embedded,
)

export const cartLineSchema = new Schema(
  {
    productId: { type: String, required: true },
    name: { type: String, required: true },
    quantity: integer,
    unitPrice: { type: moneySchema, required: true },
  },
  embedded,
)

const actorSchema = new Schema(
  {
    userId: { type: String, required: true },
    role: { type: String, required: true, enum: ['customer', 'admin', 'service'] },
  },
  embedded,
)

export const checkoutDraftSchema = new Schema(
  {
    orderId: { type: String, required: true },
    lines: { type: [orderLineSchema], required: true },
    total: { type: moneySchema, required: true },
    shippingAddress: addressSchema,
    createdAt: { type: String, required: true },
    actor: actorSchema,
    requestId: String,
  },
  embedded,
)

export const checkoutMarkSchema = new Schema(
  {
    key: { type: String, required: true },
    draft: { type: checkoutDraftSchema, required: true },
    startedAt: { type: String, required: true },
  },
  embedded,
)
