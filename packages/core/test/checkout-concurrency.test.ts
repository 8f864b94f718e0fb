import { describe, expect, it } from 'vitest'
import { aCatalog, aService, customer, failure } from './support/harness.js'

const alice = customer('alice')

async function aCartWithLines(lines = 3) {
  const harness = aService({ catalog: aCatalog(lines) })
  for (let i = 0; i < lines; i++) {
    await harness.service.carts.addItem({
      actor: alice,
      userId: 'alice',
      productId: `p-00${i}`,
      quantity: i + 1,
    })
  }
  return harness
}

describe('checkout protocol', () => {
  it('20 concurrent checkouts of one cart make exactly one order', async () => {
    const { service, adapters } = await aCartWithLines()
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => service.checkout.execute({ actor: alice, userId: 'alice' })),
    )
    const orders = await adapters.orders.list({ userId: 'alice', limit: 100 })
    expect(orders).toHaveLength(1)
    const succeeded = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    expect(succeeded.filter((r) => r.created)).toHaveLength(1)
    for (const r of succeeded) expect(r.order.id).toBe(orders[0]!.id)
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('CART_EMPTY')
    const cart = await service.carts.get({ actor: alice, userId: 'alice' })
    expect(cart.lines).toEqual([])
    const backlog = await adapters.orders.outboxBacklog()
    expect(backlog.events).toBe(2)
  })

  it('after a crash between writing the order and clearing the cart, a retry returns the same order and empties the cart', async () => {
    const { service, adapters } = await aCartWithLines()
    adapters.carts.failures.failNext('save')
    // a crash at step 1 (marking the cart): nothing happened
    await expect(service.checkout.execute({ actor: alice, userId: 'alice' })).rejects.toThrow('injected')
    expect(await adapters.orders.list({ limit: 10 })).toHaveLength(0)
    expect((await adapters.carts.get('alice'))?.checkout).toBeNull()

    // a crash at step 3: the order is written, then clearing the cart fails
    const insert = adapters.orders.insert.bind(adapters.orders)
    adapters.orders.insert = async (order, events) => {
      const result = await insert(order, events)
      adapters.carts.failures.failNext('save')
      return result
    }
    await expect(service.checkout.execute({ actor: alice, userId: 'alice' })).rejects.toThrow('injected')
    adapters.orders.insert = insert
    const afterCrash = await adapters.orders.list({ limit: 10 })
    expect(afterCrash).toHaveLength(1)
    expect((await adapters.carts.get('alice'))?.checkout).not.toBeNull()
    expect(
      (
        await failure(
          service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-000', quantity: 1 }),
        )
      ).code,
    ).toBe('CHECKOUT_IN_PROGRESS')

    const retry = await service.checkout.execute({ actor: alice, userId: 'alice' })
    expect(retry).toMatchObject({ created: false, order: { id: afterCrash[0]!.id } })
    const cart = await adapters.carts.get('alice')
    expect(cart).toMatchObject({ lines: [], checkout: null })
    expect(await adapters.orders.list({ limit: 10 })).toHaveLength(1)
  })

  it('deleting the order of a checkout that crashed before emptying the cart completes that checkout, so a purge and a sweep never make the order again', async () => {
    const { service, adapters, clock } = await aCartWithLines()
    const insert = adapters.orders.insert.bind(adapters.orders)
    adapters.orders.insert = async (order, events) => {
      const result = await insert(order, events)
      adapters.carts.failures.failNext('save')
      return result
    }
    await expect(service.checkout.execute({ actor: alice, userId: 'alice' })).rejects.toThrow('injected')
    adapters.orders.insert = insert
    const [order] = await adapters.orders.list({ limit: 10 })
    expect((await adapters.carts.get('alice'))?.checkout).not.toBeNull()

    await service.orders.delete({ actor: alice, orderId: order!.id })
    expect(await adapters.carts.get('alice')).toMatchObject({ lines: [], checkout: null })
    await service.worker.relayOutboxOnce({ owner: 'w1' })
    expect(await service.worker.purgeOnce()).toMatchObject({ orders: 1 })
    clock.advance(30_001)
    expect(await service.worker.sweepStaleCheckoutsOnce()).toBe(0)
    expect(await adapters.orders.list({ limit: 10 })).toEqual([])
    expect((await failure(service.checkout.execute({ actor: alice, userId: 'alice' }))).code).toBe(
      'CART_EMPTY',
    )
  })

  it('a crash after marking the cart is completed by the next cart write once the lease has passed', async () => {
    const { service, adapters, clock } = await aCartWithLines()
    adapters.orders.failures.failNext('insert')
    await expect(service.checkout.execute({ actor: alice, userId: 'alice' })).rejects.toThrow('injected')
    expect((await adapters.carts.get('alice'))?.checkout).not.toBeNull()

    clock.advance(30_000)
    const cart = await service.carts.addItem({
      actor: alice,
      userId: 'alice',
      productId: 'p-000',
      quantity: 1,
    })
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([['p-000', 1]])
    expect(await adapters.orders.list({ userId: 'alice', limit: 10 })).toHaveLength(1)
  })

  it('the worker sweep completes abandoned checkouts', async () => {
    const { service, adapters, clock } = await aCartWithLines()
    adapters.orders.failures.failNext('insert')
    await expect(service.checkout.execute({ actor: alice, userId: 'alice' })).rejects.toThrow('injected')
    expect(await service.worker.sweepStaleCheckoutsOnce()).toBe(0)
    clock.advance(30_001)
    expect(await service.worker.sweepStaleCheckoutsOnce()).toBe(1)
    expect(await adapters.orders.list({ userId: 'alice', limit: 10 })).toHaveLength(1)
    expect(await adapters.carts.get('alice')).toMatchObject({ lines: [], checkout: null })
  })

  it('an empty cart is CART_EMPTY', async () => {
    const { service } = aService()
    expect((await failure(service.checkout.execute({ actor: alice, userId: 'alice' }))).code).toBe(
      'CART_EMPTY',
    )
  })

  it('the same Idempotency-Key after a completed checkout returns the same order (crash window closed)', async () => {
    const { service } = await aCartWithLines()
    const first = await service.checkout.execute({ actor: alice, userId: 'alice', idempotencyKey: 'k1' })
    const again = await service.checkout.execute({ actor: alice, userId: 'alice', idempotencyKey: 'k1' })
    expect(again).toEqual({ order: first.order, created: false })
  })
})
