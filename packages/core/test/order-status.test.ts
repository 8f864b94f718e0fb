import { describe, expect, it } from 'vitest'
import { ORDER_STATUSES, type OrderStatus } from '../src/index.js'
import { admin, aService, customer, failure } from './support/harness.js'

const allowed = new Set([
  'Pending>Processing',
  'Processing>Shipped',
  'Shipped>Delivered',
  'Pending>Cancelled',
  'Processing>Cancelled',
])
const paths: Record<OrderStatus, OrderStatus[]> = {
  Pending: [],
  Processing: ['Processing'],
  Shipped: ['Processing', 'Shipped'],
  Delivered: ['Processing', 'Shipped', 'Delivered'],
  Cancelled: ['Cancelled'],
}

async function anOrderIn(status: OrderStatus) {
  const { service } = aService()
  const { order } = await service.orders.create({
    actor: customer(),
    userId: 'alice',
    lines: [{ productId: 'p-1', quantity: 1 }],
  })
  for (const step of paths[status])
    await service.orders.changeStatus({ actor: admin, orderId: order.id, status: step })
  return { service, orderId: order.id }
}

const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => ({ from, to })))

describe('order status machine', () => {
  it('covers all 25 from/to pairs', () => expect(pairs).toHaveLength(25))

  it.each(pairs)('$from -> $to', async ({ from, to }) => {
    const { service, orderId } = await anOrderIn(from)
    const change = service.orders.changeStatus({ actor: admin, orderId, status: to, reason: 'test' })
    if (allowed.has(`${from}>${to}`)) {
      const order = await change
      expect(order.status).toBe(to)
      expect(order.statusHistory.at(-1)).toMatchObject({ status: to, actor: 'admin:root', reason: 'test' })
      expect(order.statusHistory).toHaveLength(paths[from].length + 2)
    } else {
      const error = await failure(change)
      expect(error.code).toBe('INVALID_TRANSITION')
      expect(error.details).toEqual({ from, to })
      expect((await service.orders.get({ actor: admin, orderId })).status).toBe(from)
    }
  })

  it('lets a customer cancel a Pending order but not a Processing one (403)', async () => {
    const pending = await anOrderIn('Pending')
    expect(
      (await pending.service.orders.cancel({ actor: customer(), orderId: pending.orderId })).status,
    ).toBe('Cancelled')
    const processing = await anOrderIn('Processing')
    expect(
      (await failure(processing.service.orders.cancel({ actor: customer(), orderId: processing.orderId })))
        .code,
    ).toBe('FORBIDDEN')
    expect(
      (await processing.service.orders.cancel({ actor: admin, orderId: processing.orderId })).status,
    ).toBe('Cancelled')
  })

  it('forbids customers from changing statuses of their own orders, hides other users orders', async () => {
    const { service, orderId } = await anOrderIn('Pending')
    expect(
      (await failure(service.orders.changeStatus({ actor: customer(), orderId, status: 'Processing' }))).code,
    ).toBe('FORBIDDEN')
    expect(
      (await failure(service.orders.changeStatus({ actor: customer('bob'), orderId, status: 'Processing' })))
        .code,
    ).toBe('NOT_FOUND')
  })
})
