import {
  CancelOrderBody,
  ChangeStatusBody,
  CreateOrderBody,
  ListOrdersQuery,
  OrderParams,
  UpdateOrderBody,
} from '../schemas/requests.js'
import { Order, OrderPage } from '../schemas/responses.js'
import { versioned } from './cart-routes.js'
import { defineRoute } from './route.js'

const orderResponse = [{ status: 200, description: 'the order as it is now', schema: Order }] as const

export const createOrder = defineRoute({
  method: 'POST',
  path: '/orders',
  operationId: 'createOrder',
  summary: 'Create an order from lines priced with current product data',
  tag: 'orders',
  body: CreateOrderBody,
  idempotent: true,
  etag: true,
  location: true,
  success: [
    { status: 201, description: 'the order created', schema: Order },
    {
      status: 200,
      description: 'the order an earlier request with this Idempotency-Key created',
      schema: Order,
    },
  ],
  errors: [
    'FORBIDDEN',
    'CART_LIMIT_EXCEEDED',
    'CURRENCY_MISMATCH',
    'PRODUCT_NOT_FOUND',
    'PRODUCT_UNAVAILABLE',
    'IDEMPOTENCY_KEY_IN_USE',
    'IDEMPOTENCY_KEY_REUSED',
  ],
  handle: async (service, { actor, body, requestId, idempotencyKey }) => {
    const { order, created } = await service.orders.create({
      actor,
      ...body,
      requestId,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    })
    return { status: created ? 201 : 200, body: order }
  },
})

export const listOrders = defineRoute({
  method: 'GET',
  path: '/orders',
  operationId: 'listOrders',
  summary: 'Orders, newest first, with cursor pagination',
  tag: 'orders',
  query: ListOrdersQuery,
  success: [{ status: 200, description: 'one page of orders', schema: OrderPage }],
  errors: ['FORBIDDEN'],
  handle: async (service, { actor, query }) => ({
    status: 200,
    body: await service.orders.list({ actor, ...query }),
  }),
})

export const getOrder = defineRoute({
  method: 'GET',
  path: '/orders/:orderId',
  operationId: 'getOrder',
  summary: 'One order',
  tag: 'orders',
  params: OrderParams,
  etag: true,
  success: orderResponse,
  errors: [],
  handle: async (service, { actor, params }) => ({
    status: 200,
    body: await service.orders.get({ actor, orderId: params.orderId }),
  }),
})

export const updateOrder = defineRoute({
  method: 'PATCH',
  path: '/orders/:orderId',
  operationId: 'updateOrder',
  summary: 'Change lines, shipping address or note while the order is Pending',
  tag: 'orders',
  params: OrderParams,
  body: UpdateOrderBody,
  ifMatch: true,
  etag: true,
  success: orderResponse,
  errors: [
    'ORDER_NOT_MODIFIABLE',
    'CART_LIMIT_EXCEEDED',
    'CURRENCY_MISMATCH',
    'PRODUCT_NOT_FOUND',
    'PRODUCT_UNAVAILABLE',
  ],
  handle: async (service, { actor, params, body, requestId, expectedVersion }) => ({
    status: 200,
    body: await service.orders.update({
      actor,
      orderId: params.orderId,
      changes: body,
      requestId,
      ...versioned(expectedVersion),
    }),
  }),
})

export const changeOrderStatus = defineRoute({
  method: 'POST',
  path: '/orders/:orderId/status',
  operationId: 'changeOrderStatus',
  summary: 'Move the order to another status (admin or service)',
  tag: 'orders',
  params: OrderParams,
  body: ChangeStatusBody,
  ifMatch: true,
  etag: true,
  success: orderResponse,
  errors: ['FORBIDDEN', 'INVALID_TRANSITION'],
  handle: async (service, { actor, params, body, requestId, expectedVersion }) => ({
    status: 200,
    body: await service.orders.changeStatus({
      actor,
      orderId: params.orderId,
      ...body,
      requestId,
      ...versioned(expectedVersion),
    }),
  }),
})

export const cancelOrder = defineRoute({
  method: 'POST',
  path: '/orders/:orderId/cancel',
  operationId: 'cancelOrder',
  summary: 'Cancel the order (customers: only while Pending)',
  tag: 'orders',
  params: OrderParams,
  body: CancelOrderBody,
  bodyOptional: true,
  ifMatch: true,
  etag: true,
  success: orderResponse,
  errors: ['FORBIDDEN', 'INVALID_TRANSITION'],
  handle: async (service, { actor, params, body, requestId, expectedVersion }) => ({
    status: 200,
    body: await service.orders.cancel({
      actor,
      orderId: params.orderId,
      ...body,
      requestId,
      ...versioned(expectedVersion),
    }),
  }),
})

export const deleteOrder = defineRoute({
  method: 'DELETE',
  path: '/orders/:orderId',
  operationId: 'deleteOrder',
  summary: 'Delete a Pending or Cancelled order',
  tag: 'orders',
  params: OrderParams,
  ifMatch: true,
  success: [{ status: 204, description: 'deleted; the order is 404 from now on' }],
  errors: ['ORDER_NOT_MODIFIABLE'],
  handle: async (service, { actor, params, requestId, expectedVersion }) => {
    await service.orders.delete({ actor, orderId: params.orderId, requestId, ...versioned(expectedVersion) })
    return { status: 204 }
  },
})
