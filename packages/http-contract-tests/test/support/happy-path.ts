import { ADMIN, type HttpCall, type HttpReply, PRODUCTS, USER_A, USER_B } from '../../src/index.js'

/** What one server answered so far that later steps refer to. */
export type Memory = Record<string, string>

export interface Step {
  name: string
  call: (memory: Memory) => HttpCall
  /** Keeps values of the reply for later steps. */
  remember?: (reply: HttpReply, memory: Memory) => void
}

const address = { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' }
const idOf = (reply: HttpReply) => (reply.body as { id: string }).id

/** The main happy paths of DESIGN §5, in an order where each step succeeds. */
export const HAPPY_PATH: Step[] = [
  { name: 'read an empty cart', call: () => ({ method: 'GET', path: `/carts/${USER_A}`, as: USER_A }) },
  {
    name: 'add a line',
    call: () => ({
      method: 'POST',
      path: `/carts/${USER_A}/items`,
      as: USER_A,
      json: { productId: PRODUCTS.tea, quantity: 2 },
    }),
  },
  {
    name: 'add another line',
    call: () => ({
      method: 'POST',
      path: `/carts/${USER_A}/items`,
      as: USER_A,
      json: { productId: PRODUCTS.mug, quantity: 1 },
    }),
    remember: (reply, memory) => {
      memory.cartTag = reply.headers.etag ?? ''
    },
  },
  {
    name: 'set a quantity with If-Match',
    call: (m) => ({
      method: 'PATCH',
      path: `/carts/${USER_A}/items/${PRODUCTS.tea}`,
      as: USER_A,
      headers: { 'if-match': m.cartTag! },
      json: { quantity: 3 },
    }),
  },
  {
    name: 'remove a line',
    call: () => ({ method: 'DELETE', path: `/carts/${USER_A}/items/${PRODUCTS.mug}`, as: USER_A }),
  },
  {
    name: 'check out with an Idempotency-Key',
    call: () => ({
      method: 'POST',
      path: `/carts/${USER_A}/checkout`,
      as: USER_A,
      headers: { 'idempotency-key': 'checkout-1' },
      json: { shippingAddress: address },
    }),
    remember: (reply, memory) => {
      memory.orderA = idOf(reply)
    },
  },
  {
    name: 'replay the checkout',
    call: () => ({
      method: 'POST',
      path: `/carts/${USER_A}/checkout`,
      as: USER_A,
      headers: { 'idempotency-key': 'checkout-1' },
      json: { shippingAddress: address },
    }),
  },
  {
    name: 'create an order directly',
    call: () => ({
      method: 'POST',
      path: '/orders',
      as: USER_B,
      json: { userId: USER_B, lines: [{ productId: PRODUCTS.kettle, quantity: 1 }], note: 'gift' },
    }),
    remember: (reply, memory) => {
      memory.orderB = idOf(reply)
    },
  },
  { name: 'list own orders', call: () => ({ method: 'GET', path: '/orders', as: USER_A }) },
  {
    name: 'read an order',
    call: (m) => ({ method: 'GET', path: `/orders/${m.orderA}`, as: USER_A }),
    remember: (reply, memory) => {
      memory.orderTag = reply.headers.etag ?? ''
    },
  },
  {
    name: 'update an order with If-Match',
    call: (m) => ({
      method: 'PATCH',
      path: `/orders/${m.orderA}`,
      as: USER_A,
      headers: { 'if-match': m.orderTag! },
      json: { note: 'ring' },
    }),
  },
  {
    name: 'move an order to Processing',
    call: (m) => ({
      method: 'POST',
      path: `/orders/${m.orderA}/status`,
      as: ADMIN,
      json: { status: 'Processing', reason: 'paid' },
    }),
  },
  {
    name: 'cancel it as admin',
    call: (m) => ({
      method: 'POST',
      path: `/orders/${m.orderA}/cancel`,
      as: ADMIN,
      json: { reason: 'stock' },
    }),
  },
  { name: 'delete it', call: (m) => ({ method: 'DELETE', path: `/orders/${m.orderA}`, as: USER_A }) },
  {
    name: 'list every order as admin, one per page',
    call: () => ({ method: 'GET', path: '/orders?limit=1', as: ADMIN }),
  },
  {
    name: 'cancel an order as its customer',
    call: (m) => ({ method: 'POST', path: `/orders/${m.orderB}/cancel`, as: USER_B }),
  },
  { name: 'read a product', call: () => ({ method: 'GET', path: `/products/${PRODUCTS.tea}`, as: USER_B }) },
  {
    name: 'put a product',
    call: () => ({
      method: 'PUT',
      path: `/products/${PRODUCTS.mug}`,
      as: ADMIN,
      json: { name: 'Mug', price: { amount: 1300, currency: 'EUR' }, available: true, stock: 3, version: 2 },
    }),
  },
  {
    name: 'put an older version',
    call: () => ({
      method: 'PUT',
      path: `/products/${PRODUCTS.mug}`,
      as: ADMIN,
      json: { name: 'Mug', price: { amount: 1, currency: 'EUR' }, available: true, version: 1 },
    }),
  },
  {
    name: 'delete a product',
    call: () => ({ method: 'DELETE', path: `/products/${PRODUCTS.kettle}?version=5`, as: ADMIN }),
  },
  { name: 'empty the cart', call: () => ({ method: 'DELETE', path: `/carts/${USER_A}`, as: USER_A }) },
]
