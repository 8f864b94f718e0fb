import {
  AddCartItemBody,
  CartItemParams,
  CheckoutBody,
  SetCartItemBody,
  UserParams,
} from '../schemas/requests.js'
import { Cart, Order } from '../schemas/responses.js'
import { defineRoute } from './route.js'

const cartResponse = [{ status: 200, description: 'the cart as it is now', schema: Cart }] as const
const cart = { tag: 'carts', etag: true, noStore: true, success: cartResponse } as const

export const getCart = defineRoute({
  ...cart,
  method: 'GET',
  path: '/carts/:userId',
  operationId: 'getCart',
  summary: 'The cart with lines, totals and price/availability flags',
  params: UserParams,
  errors: [],
  handle: async (service, { actor, params }) => ({
    status: 200,
    body: await service.carts.get({ actor, userId: params.userId }),
  }),
})

export const addCartItem = defineRoute({
  ...cart,
  method: 'POST',
  path: '/carts/:userId/items',
  operationId: 'addCartItem',
  summary: 'Add a product (adds to the quantity of an existing line)',
  params: UserParams,
  body: AddCartItemBody,
  ifMatch: true,
  errors: [
    'CHECKOUT_IN_PROGRESS',
    'CART_LIMIT_EXCEEDED',
    'CURRENCY_MISMATCH',
    'PRODUCT_NOT_FOUND',
    'PRODUCT_UNAVAILABLE',
  ],
  handle: async (service, { actor, params, body, expectedVersion }) => ({
    status: 200,
    body: await service.carts.addItem({
      actor,
      userId: params.userId,
      ...body,
      ...versioned(expectedVersion),
    }),
  }),
})

export const setCartItem = defineRoute({
  ...cart,
  method: 'PATCH',
  path: '/carts/:userId/items/:productId',
  operationId: 'setCartItemQuantity',
  summary: 'Set the quantity of a line (0 removes it)',
  params: CartItemParams,
  body: SetCartItemBody,
  ifMatch: true,
  errors: ['CHECKOUT_IN_PROGRESS', 'CURRENCY_MISMATCH', 'PRODUCT_NOT_FOUND', 'PRODUCT_UNAVAILABLE'],
  handle: async (service, { actor, params, body, expectedVersion }) => ({
    status: 200,
    body: await service.carts.setQuantity({
      actor,
      userId: params.userId,
      productId: params.productId,
      quantity: body.quantity,
      ...versioned(expectedVersion),
    }),
  }),
})

export const removeCartItem = defineRoute({
  ...cart,
  method: 'DELETE',
  path: '/carts/:userId/items/:productId',
  operationId: 'removeCartItem',
  summary: 'Remove a line',
  params: CartItemParams,
  ifMatch: true,
  errors: ['CHECKOUT_IN_PROGRESS'],
  handle: async (service, { actor, params, expectedVersion }) => ({
    status: 200,
    body: await service.carts.removeItem({
      actor,
      userId: params.userId,
      productId: params.productId,
      ...versioned(expectedVersion),
    }),
  }),
})

export const clearCart = defineRoute({
  ...cart,
  method: 'DELETE',
  path: '/carts/:userId',
  operationId: 'clearCart',
  summary: 'Empty the cart (answers the emptied cart)',
  params: UserParams,
  ifMatch: true,
  errors: ['CHECKOUT_IN_PROGRESS'],
  handle: async (service, { actor, params, expectedVersion }) => ({
    status: 200,
    body: await service.carts.clear({ actor, userId: params.userId, ...versioned(expectedVersion) }),
  }),
})

export const checkout = defineRoute({
  method: 'POST',
  path: '/carts/:userId/checkout',
  operationId: 'checkout',
  summary: 'Turn the cart into an order and empty the cart',
  tag: 'carts',
  params: UserParams,
  body: CheckoutBody,
  bodyOptional: true,
  idempotent: true,
  etag: true,
  location: true,
  success: [
    { status: 201, description: 'the order created', schema: Order },
    {
      status: 200,
      description: 'the order an earlier or concurrent checkout of this cart created',
      schema: Order,
    },
  ],
  errors: [
    'CART_EMPTY',
    'PRICE_CHANGED',
    'PRODUCT_NOT_FOUND',
    'PRODUCT_UNAVAILABLE',
    'IDEMPOTENCY_KEY_IN_USE',
    'IDEMPOTENCY_KEY_REUSED',
  ],
  handle: async (service, { actor, params, body, requestId, idempotencyKey }) => {
    const { order, created } = await service.checkout.execute({
      actor,
      userId: params.userId,
      ...body,
      requestId,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    })
    return { status: created ? 201 : 200, body: order }
  },
})

export function versioned(expectedVersion: number | undefined): { expectedVersion?: number } {
  return expectedVersion !== undefined ? { expectedVersion } : {}
}
