import { isValidId, Order, orderViewOf } from '@orders/core'
import { describe, expect, it } from 'vitest'
import {
  aCart,
  anIdempotencyRecord,
  anOrder,
  anOrderLine,
  anOutboxEvent,
  aProduct,
  aProductData,
  aTombstone,
} from '../src/index.js'

describe('contract builders', () => {
  it('builds orders with unique valid ids and dedupe keys', () => {
    const [a, b] = [anOrder(), anOrder()]
    expect(a.id).not.toBe(b.id)
    expect(a.dedupeKey).toBe(`order:${a.id}`)
    expect(isValidId(a.id) && isValidId(a.userId)).toBe(true)
  })

  it('builds an order whose total is the sum of its line totals', () => {
    const lines = [anOrderLine({ quantity: 3 }), anOrderLine({ unitPrice: { amount: 5, currency: 'EUR' } })]
    expect(anOrder({ lines }).total).toEqual({ amount: 1250 * 3 + 5 * 2, currency: 'EUR' })
  })

  it('builds a status history that leads to the status, one version per step', () => {
    const order = anOrder({ status: 'Shipped' })
    expect(order.statusHistory.map((s) => s.status)).toEqual(['Pending', 'Processing', 'Shipped'])
    expect(order.version).toBe(3)
  })

  it('lets an order built from the builder pass through the domain aggregate unchanged', () => {
    const order = anOrder({ status: 'Cancelled' })
    expect(Order.fromPrimitives(order).toPrimitives()).toEqual(order)
  })

  it('builds outbox events carrying the order view', () => {
    const order = anOrder()
    const event = anOutboxEvent(order, { type: 'order.updated' })
    expect(event).toMatchObject({ type: 'order.updated', subject: order.id, time: order.updatedAt })
    expect(event.data).toEqual(orderViewOf(order))
    expect(anOutboxEvent(order).id).not.toBe(event.id)
  })

  it('builds carts, products, tombstones and idempotency records with unique ids', () => {
    expect(aCart().userId).not.toBe(aCart().userId)
    expect(aProduct({ version: 3 })).toMatchObject({ version: 3, deleted: false })
    expect(aProductData()).not.toHaveProperty('deleted')
    expect(aTombstone({ productId: 'p-1', version: 2 })).toEqual({
      productId: 'p-1',
      version: 2,
      deleted: true,
    })
    const now = new Date('2026-05-01T00:00:00.000Z')
    expect(anIdempotencyRecord({}, now)).toMatchObject({
      state: 'in_progress',
      expiresAt: '2026-05-02T00:00:00.000Z',
      lockedUntil: '2026-05-01T00:00:30.000Z',
    })
  })
})
