import { ORDER_OWNER, PRODUCT_ID, tokenFor } from './fixtures.js'
import type { Workload } from './load.js'

let freshUser = 0

/**
 * The two workloads of the bench, for a server whose fixture order is `orderId`: GET that order as its
 * owner, and POST a cart line for a fresh user per request with one `service` token (so the token
 * cache is exercised and no cart limit is hit).
 */
export async function benchWorkloads(): Promise<(orderId: string) => [get: Workload, post: Workload]> {
  const customer = await tokenFor(ORDER_OWNER, 'customer')
  const service = await tokenFor('bench-service', 'service')
  return (orderId) => {
    const getPath = `/orders/${orderId}`
    return [
      {
        name: 'GET order',
        method: 'GET',
        path: () => getPath,
        headers: { authorization: `Bearer ${customer}` },
      },
      {
        name: 'POST cart line',
        method: 'POST',
        path: () => `/carts/fresh-${process.pid}-${++freshUser}/items`,
        headers: { authorization: `Bearer ${service}`, 'content-type': 'application/json' },
        body: JSON.stringify({ productId: PRODUCT_ID, quantity: 1 }),
      },
    ]
  }
}
