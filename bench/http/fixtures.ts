import { createOrderService, type OrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { SignJWT } from 'jose'

export const SECRET = 'orders-http-bench-secret-0123456789abcdef'
export const ORDER_OWNER = 'bench-owner'
export const PRODUCT_ID = 'bench-product'

const catalog = [
  {
    productId: PRODUCT_ID,
    name: 'Bench mug',
    price: { amount: 1250, currency: 'EUR' },
    available: true,
    version: 1,
  },
  {
    productId: 'bench-tea',
    name: 'Bench tea',
    price: { amount: 450, currency: 'EUR' },
    available: true,
    version: 1,
  },
]

export interface Fixture {
  service: OrderService
  orderId: string
  /** What GET /orders/{orderId} answers, serialized: the bare baselines send these bytes. */
  orderJson: string
  /** What POST /carts/{fresh user}/items answers (give or take the user id and times). */
  cartJson: string
}

/** An in-memory core with a catalog, one order of three lines to read, and the JSON both workloads answer. */
export async function buildFixture(): Promise<Fixture> {
  const service = createOrderService(inMemoryAdapters({ catalog }))
  const owner = { userId: ORDER_OWNER, role: 'customer' as const }
  const { order } = await service.orders.create({
    actor: owner,
    userId: ORDER_OWNER,
    lines: [
      { productId: PRODUCT_ID, quantity: 2 },
      { productId: 'bench-tea', quantity: 3 },
    ],
    shippingAddress: {
      name: 'Ada Lovelace',
      line1: '12 St James Square',
      city: 'London',
      postalCode: 'SW1Y 4JH',
      country: 'GB',
    },
    note: 'leave it with the neighbours',
  })
  const sample = { userId: 'bench-sample', role: 'customer' as const }
  const cart = await service.carts.addItem({
    actor: sample,
    userId: 'bench-sample',
    productId: PRODUCT_ID,
    quantity: 1,
  })
  return { service, orderId: order.id, orderJson: JSON.stringify(order), cartJson: JSON.stringify(cart) }
}

/** An HS256 token valid for an hour. */
export function tokenFor(sub: string, role: 'customer' | 'service'): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET))
}
