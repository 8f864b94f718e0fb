import { PRODUCTS } from './catalog.js'
import type { HttpCall } from './client.js'
import { USER_A } from './harness.js'

/**
 * One valid request per endpoint of DESIGN §5 (the ops endpoints aside), on user A's data: a cart
 * holding the tea and a Pending order. In this order an admin gets a 2xx from each one.
 */
export function everyEndpoint(orderId: string): (Omit<HttpCall, 'as'> & { name: string })[] {
  const order = `/orders/${orderId}`
  return [
    { name: 'GET /carts/{userId}', method: 'GET', path: `/carts/${USER_A}` },
    {
      name: 'POST /carts/{userId}/items',
      method: 'POST',
      path: `/carts/${USER_A}/items`,
      json: { productId: PRODUCTS.mug, quantity: 1 },
    },
    {
      name: 'PATCH /carts/{userId}/items/{productId}',
      method: 'PATCH',
      path: `/carts/${USER_A}/items/${PRODUCTS.tea}`,
      json: { quantity: 5 },
    },
    {
      name: 'DELETE /carts/{userId}/items/{productId}',
      method: 'DELETE',
      path: `/carts/${USER_A}/items/${PRODUCTS.mug}`,
    },
    { name: 'POST /carts/{userId}/checkout', method: 'POST', path: `/carts/${USER_A}/checkout`, json: {} },
    { name: 'DELETE /carts/{userId}', method: 'DELETE', path: `/carts/${USER_A}` },
    {
      name: 'POST /orders',
      method: 'POST',
      path: '/orders',
      json: { userId: USER_A, lines: [{ productId: PRODUCTS.tea, quantity: 1 }] },
    },
    { name: 'GET /orders', method: 'GET', path: `/orders?userId=${USER_A}` },
    { name: 'GET /orders/{orderId}', method: 'GET', path: order },
    { name: 'PATCH /orders/{orderId}', method: 'PATCH', path: order, json: { note: 'changed' } },
    {
      name: 'POST /orders/{orderId}/status',
      method: 'POST',
      path: `${order}/status`,
      json: { status: 'Processing' },
    },
    { name: 'POST /orders/{orderId}/cancel', method: 'POST', path: `${order}/cancel`, json: {} },
    { name: 'DELETE /orders/{orderId}', method: 'DELETE', path: order },
    { name: 'GET /products/{productId}', method: 'GET', path: `/products/${PRODUCTS.tea}` },
    {
      name: 'PUT /products/{productId}',
      method: 'PUT',
      path: `/products/${PRODUCTS.tea}`,
      json: { name: 'Green tea', price: { amount: 460, currency: 'EUR' }, available: true, version: 7 },
    },
    { name: 'DELETE /products/{productId}', method: 'DELETE', path: `/products/${PRODUCTS.tea}?version=8` },
  ]
}
