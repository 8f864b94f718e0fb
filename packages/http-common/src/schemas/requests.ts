import { LIMITS } from '@orders/core'
import { z } from 'zod'
import {
  Address,
  Id,
  Money,
  Note,
  OrderStatus,
  Quantity,
  Reason,
  ShortText,
  schemaRegistry,
  Version,
} from './primitives.js'

/**
 * Request bodies. Every object is strict: an unknown field (a client-sent price included) is
 * VALIDATION_FAILED, never silently dropped. Operator objects such as `{"$gt": ""}` fail as wrong types.
 */
export const AddCartItemBody = z
  .strictObject({ productId: Id, quantity: Quantity })
  .register(schemaRegistry, { id: 'AddCartItem' })

export const SetCartItemBody = z
  .strictObject({ quantity: z.int().min(0).max(LIMITS.maxQuantity).describe('0 removes the line') })
  .register(schemaRegistry, { id: 'SetCartItemQuantity' })

export const CheckoutBody = z
  .strictObject({
    shippingAddress: Address.optional(),
    acceptPriceChanges: z.boolean().optional().describe('check out at current prices even if they changed'),
  })
  .register(schemaRegistry, { id: 'Checkout' })

export const RequestedLine = z
  .strictObject({ productId: Id, quantity: Quantity })
  .register(schemaRegistry, { id: 'RequestedLine' })

const Lines = z.array(RequestedLine).min(1).max(LIMITS.maxOrderLines)

export const CreateOrderBody = z
  .strictObject({
    userId: Id,
    lines: Lines,
    shippingAddress: Address.optional(),
    note: Note.optional(),
  })
  .register(schemaRegistry, { id: 'CreateOrder' })

export const UpdateOrderBody = z
  .strictObject({
    lines: Lines.optional(),
    shippingAddress: Address.optional(),
    note: Note.optional(),
  })
  .refine(
    (body) => body.lines !== undefined || body.shippingAddress !== undefined || body.note !== undefined,
    {
      message: 'at least one of lines, shippingAddress, note is required',
    },
  )
  .meta({ minProperties: 1 })
  .register(schemaRegistry, { id: 'UpdateOrder' })

export const ChangeStatusBody = z
  .strictObject({ status: OrderStatus, reason: Reason.optional() })
  .register(schemaRegistry, { id: 'ChangeStatus' })

export const CancelOrderBody = z
  .strictObject({ reason: Reason.optional() })
  .register(schemaRegistry, { id: 'CancelOrder' })

export const PutProductBody = z
  .strictObject({
    productId: Id.optional().describe('when sent, must equal the path parameter'),
    name: ShortText,
    price: Money,
    available: z.boolean(),
    stock: z.int().min(0).optional(),
    version: Version,
  })
  .register(schemaRegistry, { id: 'PutProduct' })

/** Path parameters: an invalid one is 400 MALFORMED_REQUEST. */
export const UserParams = z.strictObject({ userId: Id })
export const CartItemParams = z.strictObject({ userId: Id, productId: Id })
export const OrderParams = z.strictObject({ orderId: Id })
export const ProductParams = z.strictObject({ productId: Id })

const PageSize = z
  .string()
  .regex(/^[0-9]{1,3}$/, `must be an integer from 1 to ${LIMITS.maxPageSize}`)
  .transform(Number)
  .pipe(z.int().min(1, `must be an integer from 1 to ${LIMITS.maxPageSize}`).max(LIMITS.maxPageSize))

/** Query strings: strict too (`?status[$ne]=x` is an unknown parameter); invalid is 400 MALFORMED_REQUEST. */
export const ListOrdersQuery = z.strictObject({
  userId: Id.optional(),
  status: OrderStatus.optional(),
  limit: PageSize.optional().meta({
    description: `1-${LIMITS.maxPageSize}, default ${LIMITS.defaultPageSize}`,
  }),
  cursor: z.string().min(1).max(512).optional().describe('nextCursor of the previous page'),
})

export const NoQuery = z.strictObject({})

export const DeleteProductQuery = z.strictObject({
  version: z
    .string()
    .regex(/^[0-9]{1,15}$/, 'must be a non-negative integer')
    .transform(Number)
    .describe('version of the deletion; applies only when newer than the stored one'),
})
