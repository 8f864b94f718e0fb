import { z } from 'zod'
import { Address, Id, Money, OrderStatus, schemaRegistry, Timestamp } from './primitives.js'

/**
 * Response shapes (DESIGN §5 wire shapes). Used for the OpenAPI document and by tests that check
 * what the API sends; objects are loose so a later, additive field does not break a client.
 */
export const CartLine = z
  .looseObject({
    productId: Id,
    name: z.string(),
    quantity: z.int(),
    unitPrice: Money.describe('the price when the line was added or last changed'),
    currentPrice: Money.nullable().describe('null when the product was deleted or is unknown'),
    available: z.boolean(),
    priceChanged: z.boolean(),
    lineTotal: Money.describe('at currentPrice; zero for unavailable lines'),
  })
  .register(schemaRegistry, { id: 'CartLine' })

export const Cart = z
  .looseObject({
    userId: Id,
    lines: z.array(CartLine),
    total: Money.nullable().describe('sum of available lines at current prices; null for an empty cart'),
    version: z.int(),
    updatedAt: Timestamp,
  })
  .register(schemaRegistry, { id: 'Cart' })

export const OrderLine = z
  .looseObject({ productId: Id, name: z.string(), quantity: z.int(), unitPrice: Money, lineTotal: Money })
  .register(schemaRegistry, { id: 'OrderLine' })

export const StatusChange = z
  .looseObject({ status: OrderStatus, at: Timestamp, actor: z.string(), reason: z.string().optional() })
  .register(schemaRegistry, { id: 'StatusChange' })

export const Order = z
  .looseObject({
    id: Id,
    userId: Id,
    status: OrderStatus,
    lines: z.array(OrderLine),
    total: Money,
    shippingAddress: Address.optional(),
    note: z.string().optional(),
    statusHistory: z.array(StatusChange),
    version: z.int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .register(schemaRegistry, { id: 'Order' })

export const OrderPage = z
  .looseObject({ items: z.array(Order), nextCursor: z.string().nullable() })
  .register(schemaRegistry, { id: 'OrderPage' })

export const Product = z
  .looseObject({
    productId: Id,
    name: z.string(),
    price: Money,
    available: z.boolean(),
    stock: z.int().optional(),
    version: z.int(),
  })
  .register(schemaRegistry, { id: 'Product' })

export const ProductTombstone = z
  .looseObject({ productId: Id, version: z.int(), deleted: z.literal(true) })
  .describe('What is stored for a deleted product.')
  .register(schemaRegistry, { id: 'ProductTombstone' })

export const StoredProduct = z
  .union([Product, ProductTombstone])
  .describe('The stored copy when a PUT or DELETE was not newer: a live product or a tombstone.')
  .register(schemaRegistry, { id: 'StoredProduct' })

export const FieldError = z.looseObject({ path: z.string(), message: z.string() })

export const Problem = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string().describe('stable error code, e.g. NOT_FOUND, VALIDATION_FAILED'),
    errors: z.array(FieldError).optional().describe('the failing fields (validation errors)'),
  })
  .describe('RFC 9457 problem details, sent as application/problem+json.')
  .register(schemaRegistry, { id: 'Problem' })
