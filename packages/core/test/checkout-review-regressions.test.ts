import { describe, expect, it } from 'vitest'
import type { UnitOfWork } from '../src/index.js'
import { aCatalog, admin, aService, customer, failure } from './support/harness.js'

const alice = customer('alice')
const transientError = () =>
  Object.assign(new Error('WriteConflict'), { code: 112, errorLabels: ['TransientTransactionError'] })

/** A transactional unit of work that re-runs the work after a transient error, as the MongoDB driver does. */
function rerunningUnitOfWork(h: ReturnType<typeof aService>, transientFailures: number): UnitOfWork {
  const { orders, carts, idempotency } = h.adapters
  let left = transientFailures
  const flakyCarts = {
    get: carts.get.bind(carts),
    findStaleCheckouts: carts.findStaleCheckouts.bind(carts),
    save: async (...args: Parameters<typeof carts.save>) => {
      if (left-- > 0) throw transientError()
      return carts.save(...args)
    },
  }
  return {
    transactional: true,
    async run(work) {
      for (;;) {
        try {
          return await work({ orders, carts: flakyCarts, idempotency })
        } catch (error) {
          if (!(error as { errorLabels?: string[] }).errorLabels?.includes('TransientTransactionError'))
            throw error
        }
      }
    },
  }
}

describe('checkout in a transaction that the driver re-runs', () => {
  it('starts each run from the cart as read, so a re-run completes the checkout', async () => {
    const h = aService({ catalog: aCatalog(2) })
    await h.service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-000', quantity: 1 })
    ;(h.service.context as { unitOfWork?: UnitOfWork }).unitOfWork = rerunningUnitOfWork(h, 2)
    const { order, created } = await h.service.checkout.execute({ actor: alice, userId: 'alice' })
    expect(created).toBe(true)
    expect(order.lines).toHaveLength(1)
    const cart = await h.service.carts.get({ actor: alice, userId: 'alice' })
    expect(cart.lines).toEqual([])
  })
})

describe('Idempotency-Key scope of the order dedupe key', () => {
  it('a key once used on POST /orders does not answer a checkout: the cart is checked out', async () => {
    const h = aService({ catalog: aCatalog(3) })
    const posted = await h.service.orders.create({
      actor: alice,
      userId: 'alice',
      lines: [{ productId: 'p-002', quantity: 5 }],
      idempotencyKey: 'k-1',
    })
    await h.service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-000', quantity: 1 })
    const checkout = await h.service.checkout.execute({
      actor: alice,
      userId: 'alice',
      idempotencyKey: 'k-1',
    })
    expect(checkout.order.id).not.toBe(posted.order.id)
    expect(checkout.created).toBe(true)
    expect((await h.service.carts.get({ actor: alice, userId: 'alice' })).lines).toEqual([])
  })

  it("an admin's key for a customer does not answer the customer's own request with the same key", async () => {
    const h = aService({ catalog: aCatalog(3) })
    const line = { productId: 'p-000', quantity: 1 }
    const byAdmin = await h.service.orders.create({
      actor: admin,
      userId: 'alice',
      lines: [line],
      idempotencyKey: 'k',
    })
    const own = await h.service.orders.create({
      actor: alice,
      userId: 'alice',
      lines: [line],
      idempotencyKey: 'k',
    })
    expect(own.created).toBe(true)
    expect(own.order.id).not.toBe(byAdmin.order.id)
  })

  it('the same caller and key still return the first order (the crash window stays closed)', async () => {
    const h = aService({ catalog: aCatalog(3) })
    const input = {
      actor: alice,
      userId: 'alice',
      lines: [{ productId: 'p-000', quantity: 1 }],
      idempotencyKey: 'k',
    }
    const first = await h.service.orders.create(input)
    const again = await h.service.orders.create(input)
    expect(again).toEqual({ order: first.order, created: false })
  })

  it('a retry under the key of an order deleted since answers NOT_FOUND, for POST /orders and checkout', async () => {
    const h = aService({ catalog: aCatalog(3) })
    const input = {
      actor: alice,
      userId: 'alice',
      lines: [{ productId: 'p-000', quantity: 1 }],
      idempotencyKey: 'k',
    }
    const first = await h.service.orders.create(input)
    await h.service.orders.delete({ actor: alice, orderId: first.order.id })
    expect((await failure(h.service.orders.create(input))).code).toBe('NOT_FOUND')

    await h.service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-001', quantity: 1 })
    const checkout = await h.service.checkout.execute({ actor: alice, userId: 'alice', idempotencyKey: 'c' })
    await h.service.orders.delete({ actor: alice, orderId: checkout.order.id })
    const retry = h.service.checkout.execute({ actor: alice, userId: 'alice', idempotencyKey: 'c' })
    expect((await failure(retry)).code).toBe('NOT_FOUND')
  })
})

describe('stale checkout sweep', () => {
  it('skips a cart that fails and completes the others', async () => {
    const h = aService({ catalog: aCatalog(3) })
    for (const user of ['u-1', 'u-2']) {
      await h.service.carts.addItem({ actor: customer(user), userId: user, productId: 'p-000', quantity: 1 })
    }
    // Both checkouts crash after step 1 (the order insert fails), leaving marked carts behind.
    for (const user of ['u-1', 'u-2']) {
      h.adapters.orders.failures.failNext('insert')
      await failure(h.service.checkout.execute({ actor: customer(user), userId: user }))
    }
    h.clock.advance(60_000)
    h.adapters.orders.failures.failNext('insert')
    expect(await h.service.worker.sweepStaleCheckoutsOnce()).toBe(1)
    expect(await h.service.worker.sweepStaleCheckoutsOnce()).toBe(1)
    for (const user of ['u-1', 'u-2']) {
      expect((await h.service.carts.get({ actor: customer(user), userId: user })).lines).toEqual([])
    }
  })
})
