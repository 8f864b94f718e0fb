import { type MongoRepositoryOptions, mongoCartRepository, mongoOrderRepository } from '@orders/adapter-mongo'
import type { CartPrimitives, OrderPrimitives, OutboxEvent } from '@orders/core'
import type { Db } from 'mongodb'
import type { Connection } from 'mongoose'

/** One checkout's three writes (DESIGN §4) for a caller's own cart, currently at `version`. */
export type CheckoutWrites = (caller: CallerState) => Promise<void>

export interface CallerState {
  userId: string
  version: number
  n: number
}

const line = {
  productId: 'bench-p-1',
  name: 'Espresso beans 1 kg',
  quantity: 2,
  unitPrice: { amount: 1999, currency: 'EUR' },
}

function theCheckout(caller: CallerState) {
  const now = new Date().toISOString()
  const orderId = `bench-o-${caller.userId}-${++caller.n}`
  const orderLine = { ...line, lineTotal: { amount: 3998, currency: 'EUR' } }
  const mark = {
    key: `checkout:${caller.userId}:${caller.version}`,
    draft: { orderId, lines: [orderLine], total: orderLine.lineTotal, createdAt: now },
    startedAt: now,
  }
  const marked: CartPrimitives = {
    userId: caller.userId,
    lines: [line],
    version: caller.version + 1,
    updatedAt: now,
    checkout: mark,
  }
  const cleared: CartPrimitives = { ...marked, lines: [line], version: caller.version + 2, checkout: null }
  const order: OrderPrimitives = {
    id: orderId,
    userId: caller.userId,
    status: 'Pending',
    lines: [orderLine],
    total: orderLine.lineTotal,
    statusHistory: [{ status: 'Pending', at: now, actor: caller.userId }],
    version: 1,
    createdAt: now,
    updatedAt: now,
    dedupeKey: mark.key,
    deletedAt: null,
  }
  const { dedupeKey: _d, deletedAt: _x, ...view } = order
  const events: OutboxEvent[] = ['order.created', 'cart.checked_out'].map((type, i) => ({
    id: `${orderId}-e${i}`,
    type: type as OutboxEvent['type'],
    source: 'order-service',
    time: now,
    subject: orderId,
    dataVersion: '1',
    data: view,
    requestId: null,
  }))
  return { marked, cleared, order, events }
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`[bench] ${what} did not apply`)
}

/** The three writes through @orders/adapter-mongo (Mongoose, guards, outbox bookkeeping). */
export function adapterWrites(options: MongoRepositoryOptions): CheckoutWrites {
  const carts = mongoCartRepository(options)
  const orders = mongoOrderRepository(options)
  return async (caller) => {
    const { marked, cleared, order, events } = theCheckout(caller)
    expect(await carts.save(marked, { expectedVersion: caller.version }), 'mark')
    expect((await orders.insert(order, events)).created, 'insert')
    expect(await carts.save(cleared, { expectedVersion: caller.version + 1 }), 'clear')
    caller.version += 2
  }
}

/** The same three writes with the bare driver: conditional replace, insert, conditional replace. */
export function rawDriverWrites(db: Db): CheckoutWrites {
  const carts = db.collection<{ _id: string }>('carts')
  const orders = db.collection<{ _id: string }>('orders')
  return async (caller) => {
    const { marked, cleared, order, events } = theCheckout(caller)
    const { userId: _m, ...markedDoc } = marked
    const marking = await carts.replaceOne({ _id: caller.userId, version: caller.version }, markedDoc)
    expect(marking.matchedCount === 1, 'mark')
    const { id, ...orderDoc } = order
    await orders.insertOne({ _id: id, ...orderDoc, outbox: events, outboxDueAt: orderDoc.createdAt })
    const { userId: _c, ...clearedDoc } = cleared
    const clearing = await carts.replaceOne({ _id: caller.userId, version: caller.version + 1 }, clearedDoc)
    expect(clearing.matchedCount === 1, 'clear')
    caller.version += 2
  }
}

/** Creates one cart (version 1) per caller in the connection's database. */
export async function seedCallers(
  connection: Connection,
  prefix: string,
  count: number,
): Promise<CallerState[]> {
  const carts = mongoCartRepository({ connection })
  const now = new Date().toISOString()
  const callers = Array.from({ length: count }, (_, i) => ({ userId: `${prefix}-${i}`, version: 1, n: 0 }))
  for (const c of callers) {
    await carts.save(
      { userId: c.userId, lines: [line], version: 1, updatedAt: now, checkout: null },
      { expectedVersion: 0 },
    )
  }
  return callers
}
