import { describe, expect, it } from 'vitest'
import { Cart } from '../src/domain/cart.js'
import { createOrderService } from '../src/index.js'
import { aCatalog, admin, aService, countingTelemetry, customer, failure } from './support/harness.js'

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

  /** A checkout that wrote its order, then crashed before emptying the cart: the mark stays. */
  async function crashBeforeEmptyingTheCart(h: Awaited<ReturnType<typeof aCartWithLines>>) {
    const insert = h.adapters.orders.insert.bind(h.adapters.orders)
    h.adapters.orders.insert = async (order, events) => {
      const result = await insert(order, events)
      h.adapters.carts.failures.failNext('save')
      return result
    }
    await expect(h.service.checkout.execute({ actor: alice, userId: 'alice' })).rejects.toThrow('injected')
    h.adapters.orders.insert = insert
    const [order] = await h.adapters.orders.list({ limit: 10 })
    expect((await h.adapters.carts.get('alice'))?.checkout).not.toBeNull()
    return order!
  }

  describe('deleting the order of a checkout that crashed before emptying the cart', () => {
    it('completes that checkout first, so a purge and a sweep never make the order again', async () => {
      const h = await aCartWithLines()
      const order = await crashBeforeEmptyingTheCart(h)

      await h.service.orders.delete({ actor: alice, orderId: order.id })
      expect(await h.adapters.carts.get('alice')).toMatchObject({ lines: [], checkout: null })
      await h.service.worker.relayOutboxOnce({ owner: 'w1' })
      h.clock.advance(30_001)
      expect(await h.service.worker.purgeOnce()).toMatchObject({ orders: 1 })
      expect(await h.service.worker.sweepStaleCheckoutsOnce()).toBe(0)
      expect(await h.adapters.orders.list({ limit: 10 })).toEqual([])
      expect((await failure(h.service.checkout.execute({ actor: alice, userId: 'alice' }))).code).toBe(
        'CART_EMPTY',
      )
    })

    it('keeps the deleted order for a checkout lease, so a resume that read the mark before the delete finds it', async () => {
      const h = await aCartWithLines()
      const order = await crashBeforeEmptyingTheCart(h)
      h.clock.advance(30_001)
      const markedCart = Cart.fromPrimitives((await h.adapters.carts.get('alice'))!)

      await h.service.orders.delete({ actor: alice, orderId: order.id })
      await h.service.worker.relayOutboxOnce({ owner: 'w1' })
      expect(await h.service.worker.purgeOnce()).toMatchObject({ orders: 0 })
      // A sweep (or any resume) that read the cart before the delete goes on now: the order is found.
      const late = await h.service.checkout.resume(markedCart)
      expect(late).toMatchObject({ created: false, order: { id: order.id } })
      h.clock.advance(30_001)
      expect(await h.service.worker.purgeOnce()).toMatchObject({ orders: 1 })
      expect(await h.adapters.orders.list({ limit: 10 })).toEqual([])
    })

    it('leaves the cart alone when the delete is refused (stale If-Match, an order being processed)', async () => {
      const h = await aCartWithLines()
      const order = await crashBeforeEmptyingTheCart(h)
      const stale = await failure(
        h.service.orders.delete({ actor: alice, orderId: order.id, expectedVersion: 7 }),
      )
      expect(stale.code).toBe('VERSION_CONFLICT')
      await h.service.orders.changeStatus({ actor: admin, orderId: order.id, status: 'Processing' })
      const processing = await failure(h.service.orders.delete({ actor: admin, orderId: order.id }))
      expect(processing.code).toBe('ORDER_NOT_MODIFIABLE')
      expect((await h.adapters.carts.get('alice'))?.checkout).not.toBeNull()
    })

    it("completes the owner's checkout when an admin deletes the order", async () => {
      const h = await aCartWithLines()
      const order = await crashBeforeEmptyingTheCart(h)
      await h.service.orders.delete({ actor: admin, orderId: order.id })
      expect(await h.adapters.carts.get('alice')).toMatchObject({ lines: [], checkout: null })
    })
  })

  it('the sweep resumes a cart only if it is still marked when its turn comes', async () => {
    const h = await aCartWithLines()
    const order = await crashBeforeEmptyingTheCart(h)
    h.clock.advance(30_001)
    const findStale = h.adapters.carts.findStaleCheckouts.bind(h.adapters.carts)
    h.adapters.carts.findStaleCheckouts = async (query) => {
      const found = await findStale(query)
      // The user deletes the order between the sweep's query and its resume.
      await h.service.orders.delete({ actor: alice, orderId: order.id })
      return found
    }
    expect(await h.service.worker.sweepStaleCheckoutsOnce()).toBe(0)
    expect(await h.adapters.orders.findById(order.id)).toMatchObject({ deletedAt: expect.any(String) })
  })

  describe('clearing the mark (step 3) while the cart is busy', () => {
    /** Cart saves that clear the mark answer "lost" (a lock held elsewhere on FerretDB), running `meanwhile` first. */
    function refuseClearing(h: Awaited<ReturnType<typeof aCartWithLines>>, meanwhile?: () => Promise<void>) {
      const save = h.adapters.carts.save.bind(h.adapters.carts)
      const refused = { count: 0 }
      h.adapters.carts.save = async (cart, options) => {
        if (cart.checkout !== null || cart.lines.length > 0) return save(cart, options)
        refused.count += 1
        await meanwhile?.()
        return false
      }
      return { refused, restore: () => (h.adapters.carts.save = save) }
    }

    /** The harness's adapters under a service that records its telemetry counters. */
    function counted(h: Awaited<ReturnType<typeof aCartWithLines>>) {
      const { counts, telemetry } = countingTelemetry()
      const service = createOrderService({ ...h.adapters, telemetry }, { retryBaseDelayMs: 1 })
      return { service, counts }
    }

    it('retries with a bound, then answers with the order and leaves the mark for the next call', async () => {
      const h = await aCartWithLines()
      const { service, counts } = counted(h)
      const busy = refuseClearing(h)
      const first = await service.checkout.execute({ actor: alice, userId: 'alice' })
      expect(first.created).toBe(true)
      expect(busy.refused.count).toBe(12)
      expect(counts.checkout_mark_left).toBe(1)
      expect((await h.adapters.carts.get('alice'))?.checkout).not.toBeNull()

      busy.restore()
      const retry = await h.service.checkout.execute({ actor: alice, userId: 'alice' })
      expect(retry).toMatchObject({ created: false, order: { id: first.order.id } })
      expect(await h.adapters.carts.get('alice')).toMatchObject({ lines: [], checkout: null })
      expect(await h.adapters.orders.list({ limit: 10 })).toHaveLength(1)
    })

    it('stops as soon as another resumer cleared the mark', async () => {
      const h = await aCartWithLines()
      const busy = refuseClearing(h, async () => {
        busy.restore()
        const marked = (await h.adapters.carts.get('alice'))!
        await h.service.checkout.resume(Cart.fromPrimitives(marked))
      })
      const { service, counts } = counted(h)
      const result = await service.checkout.execute({ actor: alice, userId: 'alice' })
      expect(result.created).toBe(true)
      expect(busy.refused.count).toBe(1)
      expect([counts.write_conflict_retry, counts.checkout_mark_left]).toEqual([undefined, undefined])
      expect(await h.adapters.carts.get('alice')).toMatchObject({ lines: [], checkout: null })
    })
  })

  it('a checkout that finds the mark of a checkout whose order was deleted since answers 404, like a retried key', async () => {
    const h = await aCartWithLines()
    const order = await crashBeforeEmptyingTheCart(h)
    const marked = (await h.adapters.carts.get('alice'))!
    await h.service.orders.delete({ actor: alice, orderId: order.id })
    // This checkout read the cart before the delete completed its mark.
    const get = h.adapters.carts.get.bind(h.adapters.carts)
    h.adapters.carts.get = async (userId) => {
      h.adapters.carts.get = get
      return marked
    }
    expect((await failure(h.service.checkout.execute({ actor: alice, userId: 'alice' }))).code).toBe(
      'NOT_FOUND',
    )
    expect(await h.adapters.carts.get('alice')).toMatchObject({ lines: [], checkout: null })
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

  it('records who checked out in the order history, also when the sweep completes it', async () => {
    const { service, adapters, clock } = await aCartWithLines()
    const direct = await service.checkout.execute({ actor: admin, userId: 'alice' })
    expect(direct.order.statusHistory).toEqual([
      expect.objectContaining({ status: 'Pending', actor: 'admin:root' }),
    ])

    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-000', quantity: 1 })
    adapters.orders.failures.failNext('insert')
    await expect(service.checkout.execute({ actor: admin, userId: 'alice' })).rejects.toThrow('injected')
    clock.advance(30_001)
    expect(await service.worker.sweepStaleCheckoutsOnce()).toBe(1)
    const [swept] = (await service.orders.list({ actor: admin, userId: 'alice', limit: 1 })).items
    expect(swept!.statusHistory[0]!.actor).toBe('admin:root')
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
