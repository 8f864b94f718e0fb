import { uniqueId } from '@orders/contract-tests'
import { isOrderServiceError } from '@orders/core'
import { describe, expect, it } from 'vitest'
import type { MongoAdapters } from '../src/index.js'
import { crashNext } from './support/crashes.js'
import { mongodbUri, useTestDatabase } from './support/database.js'
import { aCatalog, aMongoService, customer } from './support/service.js'

describe.skipIf(!mongodbUri)('checkout protocol on the Mongo adapters (single-document mode)', () => {
  const db = useTestDatabase('checkout')

  /** A service whose cart already holds 3 lines; `wrap` may swap adapters after that. */
  async function aFilledCart(wrap?: (a: MongoAdapters) => MongoAdapters) {
    const catalog = aCatalog(uniqueId('p'), 3)
    const userId = uniqueId('user')
    const actor = customer(userId)
    const filler = await aMongoService(db.connection, { catalog })
    for (const [i, p] of catalog.entries()) {
      await filler.service.carts.addItem({ actor, userId, productId: p.productId, quantity: i + 1 })
    }
    const harness = await aMongoService(db.connection, { catalog, ...(wrap ? { wrap } : {}) })
    return { ...harness, catalog, userId, actor }
  }

  it('uses the single-document protocol here (no transactions on FerretDB)', async () => {
    const { adapters } = await aFilledCart()
    expect(adapters.transactionMode).toBe(
      process.env.MONGODB_URI ? adapters.transactionMode : 'single-document',
    )
    expect(adapters.unitOfWork.transactional).toBe(adapters.transactionMode === 'transactional')
  })

  it('20 concurrent checkouts of one cart make exactly one order', async () => {
    const { service, adapters, userId, actor } = await aFilledCart()

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => service.checkout.execute({ actor, userId })),
    )

    const orders = await adapters.orders.list({ userId, limit: 100 })
    expect(orders).toHaveLength(1)
    const succeeded = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    expect(succeeded.filter((r) => r.created)).toHaveLength(1)
    for (const r of succeeded) expect(r.order.id).toBe(orders[0]!.id)
    for (const r of results) {
      if (r.status === 'rejected') expect(isOrderServiceError(r.reason, 'CART_EMPTY')).toBe(true)
    }
    expect(await adapters.carts.get(userId)).toMatchObject({ lines: [], checkout: null })
    const claims = await adapters.orders.claimOutbox({ owner: 'test', limit: 1000, leaseMs: 30_000 })
    expect(claims.find((c) => c.orderId === orders[0]!.id)?.events.map((e) => e.type)).toEqual([
      'order.created',
      'cart.checked_out',
    ])
  }, 60_000)

  it('a crash while marking the cart (step 1) leaves nothing behind', async () => {
    const { service, adapters, userId, actor } = await aFilledCart((a) => ({
      ...a,
      carts: crashNext(a.carts, 'save', 'before'),
    }))
    await expect(service.checkout.execute({ actor, userId })).rejects.toThrow('crash before save')
    expect(await adapters.orders.list({ userId, limit: 10 })).toEqual([])
    expect((await adapters.carts.get(userId))?.checkout).toBeNull()
  })

  it('a crash after marking, before the order (step 2), is completed by the next cart write after the lease', async () => {
    const { service, adapters, clock, userId, actor, catalog } = await aFilledCart((a) => ({
      ...a,
      orders: crashNext(a.orders, 'insert', 'before'),
    }))
    await expect(service.checkout.execute({ actor, userId })).rejects.toThrow('crash before insert')
    expect((await adapters.carts.get(userId))?.checkout).not.toBeNull()
    const productId = catalog[0]!.productId
    await expect(service.carts.addItem({ actor, userId, productId, quantity: 1 })).rejects.toMatchObject({
      code: 'CHECKOUT_IN_PROGRESS',
    })

    clock.advance(30_000)
    const cart = await service.carts.addItem({ actor, userId, productId, quantity: 1 })

    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([[productId, 1]])
    const orders = await adapters.orders.list({ userId, limit: 10 })
    expect(orders).toHaveLength(1)
    expect(orders[0]!.lines.map((l) => l.quantity)).toEqual([1, 2, 3])
  })

  it('a crash after the order, before clearing the cart (step 3): a retry returns the same order', async () => {
    let armed = false
    const { service, adapters, userId, actor } = await aFilledCart((a) => {
      const carts = crashNext(a.carts, 'save', 'before')
      const insert = a.orders.insert.bind(a.orders)
      // the cart's third write (clearing) crashes: arm the crash once the order is in
      const orders = {
        ...a.orders,
        insert: async (...args: Parameters<typeof insert>) => {
          const result = await insert(...args)
          armed = true
          return result
        },
      }
      return {
        ...a,
        orders,
        carts: { ...a.carts, save: (c, o) => (armed ? carts.save(c, o) : a.carts.save(c, o)) },
      }
    })
    await expect(service.checkout.execute({ actor, userId })).rejects.toThrow('crash before save')
    const [order] = await adapters.orders.list({ userId, limit: 10 })
    expect(order).toBeDefined()
    expect((await adapters.carts.get(userId))?.checkout?.key).toBe(order!.dedupeKey)

    const retry = await service.checkout.execute({ actor, userId })

    expect(retry).toMatchObject({ created: false, order: { id: order!.id } })
    expect(await adapters.carts.get(userId)).toMatchObject({ lines: [], checkout: null })
    expect(await adapters.orders.list({ userId, limit: 10 })).toHaveLength(1)
  })

  it('the worker sweep completes a checkout abandoned after step 1', async () => {
    const { service, adapters, clock, userId, actor } = await aFilledCart((a) => ({
      ...a,
      orders: crashNext(a.orders, 'insert', 'before'),
    }))
    await expect(service.checkout.execute({ actor, userId })).rejects.toThrow('crash before insert')
    clock.advance(30_001)
    expect(await service.worker.sweepStaleCheckoutsOnce()).toBeGreaterThanOrEqual(1)
    expect(await adapters.orders.list({ userId, limit: 10 })).toHaveLength(1)
    expect(await adapters.carts.get(userId)).toMatchObject({ lines: [], checkout: null })
  })

  it('a retried checkout with the same Idempotency-Key returns the same order', async () => {
    const { service, userId, actor } = await aFilledCart()
    const first = await service.checkout.execute({ actor, userId, idempotencyKey: 'k-1' })
    expect(await service.checkout.execute({ actor, userId, idempotencyKey: 'k-1' })).toEqual({
      order: first.order,
      created: false,
    })
  })
})
