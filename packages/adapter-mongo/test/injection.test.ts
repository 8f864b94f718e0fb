import { aCart, anIdempotencyRecord, anOrder, anOutboxEvent, aProduct } from '@orders/contract-tests'
import { type CartPrimitives, isOrderServiceError } from '@orders/core'
import { describe, expect, it } from 'vitest'
import {
  mongoCartRepository,
  mongoIdempotencyStore,
  mongoOrderRepository,
  mongoProductRepository,
} from '../src/index.js'
import { cartModel } from '../src/schemas/index.js'
import { mongodbUri, useTestDatabase } from './support/database.js'

/** What a JSON body could smuggle in where a string is expected. */
const operator = { $gt: '' } as unknown as string

async function expectRejected(promise: Promise<unknown>) {
  const error = await promise.then(
    () => new Error('expected VALIDATION_FAILED, but the call succeeded'),
    (e: unknown) => e,
  )
  expect(isOrderServiceError(error, 'VALIDATION_FAILED'), String(error)).toBe(true)
}

describe.skipIf(!mongodbUri)('operator injection is rejected before the driver', () => {
  const db = useTestDatabase('injection')

  it('refuses operator objects where ids are expected, although a match exists', async () => {
    const carts = mongoCartRepository({ connection: db.connection })
    await carts.save(aCart(), { expectedVersion: 0 })
    const orders = mongoOrderRepository({ connection: db.connection })
    await orders.insert(anOrder(), [])

    await expectRejected(carts.get(operator))
    await expectRejected(orders.findById(operator))
    await expectRejected(orders.findByDedupeKey(operator))
    await expectRejected(orders.list({ userId: operator, limit: 10 }))
    await expectRejected(orders.list({ limit: 10, after: { createdAt: operator, id: 'x' } }))
    await expectRejected(orders.markPublished(operator, [], 'relay'))
    await expectRejected(mongoProductRepository({ connection: db.connection }).getMany(['p-1', operator]))
    const idempotency = mongoIdempotencyStore({ connection: db.connection })
    await expectRejected(idempotency.release({ userId: 'u-1', key: operator, claimId: 'c-1' }))
    await expectRejected(idempotency.release({ userId: 'u-1', key: 'k-1', claimId: operator }))
    await expectRejected(
      idempotency.complete({ userId: 'u-1', key: 'k-1', claimId: operator }, { status: 200, body: null }),
    )
  })

  it('refuses a stale-version guard that is not an integer', async () => {
    const carts = mongoCartRepository({ connection: db.connection })
    const cart = aCart()
    await carts.save(cart, { expectedVersion: 0 })
    const next = { ...cart, version: 2 }
    await expectRejected(carts.save(next, { expectedVersion: { $ne: -1 } as unknown as number }))
    expect(await carts.get(cart.userId)).toEqual(cart)
  })

  it('refuses documents with keys starting with $ or containing a dot, at any depth', async () => {
    const orders = mongoOrderRepository({ connection: db.connection })
    const order = anOrder()
    const dollarNote = { ...order, shippingAddress: { $where: '1', name: 'x' } } as unknown as typeof order
    await expectRejected(orders.insert(dollarNote, []))
    const event = anOutboxEvent(order)
    const dotted = { ...event, data: { ...event.data, 'a.b': 1 } } as typeof event
    await expectRejected(orders.insert(order, [dotted]))
    expect(await orders.findById(order.id)).toBeNull()

    const lines = [
      { productId: 'p', name: 'n', quantity: 1, unitPrice: { amount: 1, currency: 'EUR', $inc: 1 } },
    ]
    await expectRejected(
      mongoCartRepository({ connection: db.connection }).save(
        aCart({ lines } as unknown as Partial<CartPrimitives>),
        {
          expectedVersion: 0,
        },
      ),
    )
    await expectRejected(
      mongoProductRepository({ connection: db.connection }).upsert({ ...aProduct(), ['x.y' as 'name']: 'v' }),
    )
    const record = anIdempotencyRecord()
    await mongoIdempotencyStore({ connection: db.connection }).claim(record)
    await expectRejected(
      mongoIdempotencyStore({ connection: db.connection }).complete(record, {
        status: 200,
        body: { $set: { state: 'in_progress' } },
      }),
    )
  })

  it('keeps sanitizeFilter and strictQuery as the second line in the schemas', async () => {
    const model = cartModel(db.connection)
    const cart = aCart()
    await mongoCartRepository({ connection: db.connection }).save(cart, { expectedVersion: 0 })
    // sanitizeFilter turns a smuggled operator into an equality on the literal object, which the
    // String schema type then refuses to cast: the query never runs
    await expect(
      model.findOne({ _id: { $ne: 'nobody' } }, null, { sanitizeFilter: true }).lean(),
    ).rejects.toThrow(/Cast to string failed/)
    expect(await model.findOne({ _id: { $ne: 'nobody' } }).lean()).not.toBeNull()
    await expect(model.findOne({ notAField: 1 }).lean()).rejects.toThrow(/not in schema/)
  })
})
