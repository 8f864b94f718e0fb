import { describe, expect, it } from 'vitest'
import { aCatalog, aProduct, aService, customer, failure } from './support/harness.js'

const alice = customer('alice')

describe('cart rules', () => {
  it('merges adds of one product and refreshes its unit price', async () => {
    const { service } = aService()
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity: 2 })
    const cart = await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity: 3 })
    expect(cart.lines).toEqual([
      {
        productId: 'p-1',
        name: 'Espresso beans 1 kg',
        quantity: 5,
        unitPrice: { amount: 1999, currency: 'EUR' },
        currentPrice: { amount: 1999, currency: 'EUR' },
        available: true,
        priceChanged: false,
        lineTotal: { amount: 9995, currency: 'EUR' },
      },
    ])
    expect(cart.total).toEqual({ amount: 9995, currency: 'EUR' })
  })

  it('accepts at most 100 lines (CART_LIMIT_EXCEEDED)', async () => {
    const { service } = aService({ catalog: aCatalog(101) })
    for (let i = 0; i < 100; i++) {
      await service.carts.addItem({
        actor: alice,
        userId: 'alice',
        productId: `p-${String(i).padStart(3, '0')}`,
        quantity: 1,
      })
    }
    const error = await failure(
      service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-100', quantity: 1 }),
    )
    expect(error.code).toBe('CART_LIMIT_EXCEEDED')
    expect((await service.carts.get({ actor: alice, userId: 'alice' })).lines).toHaveLength(100)
  })

  it('keeps quantities within 1..999 per line', async () => {
    const { service } = aService()
    for (const quantity of [0, -1, 1000, 1.5]) {
      const error = await failure(
        service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity }),
      )
      expect(error.code).toBe('VALIDATION_FAILED')
    }
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity: 999 })
    const merged = await failure(
      service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity: 1 }),
    )
    expect(merged.code).toBe('CART_LIMIT_EXCEEDED')
  })

  it('rejects mixed currencies', async () => {
    const { service } = aService({
      catalog: [
        aProduct({ productId: 'eur' }),
        aProduct({ productId: 'usd', price: { amount: 500, currency: 'USD' } }),
      ],
    })
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'eur', quantity: 1 })
    const error = await failure(
      service.carts.addItem({ actor: alice, userId: 'alice', productId: 'usd', quantity: 1 }),
    )
    expect(error.code).toBe('CURRENCY_MISMATCH')
  })

  it('sets, removes and clears lines; 0 removes', async () => {
    const { service } = aService({ catalog: aCatalog(3) })
    for (const id of ['p-000', 'p-001', 'p-002'])
      await service.carts.addItem({ actor: alice, userId: 'alice', productId: id, quantity: 1 })
    let cart = await service.carts.setQuantity({
      actor: alice,
      userId: 'alice',
      productId: 'p-000',
      quantity: 7,
    })
    expect(cart.lines[0]?.quantity).toBe(7)
    cart = await service.carts.setQuantity({ actor: alice, userId: 'alice', productId: 'p-001', quantity: 0 })
    expect(cart.lines.map((l) => l.productId)).toEqual(['p-000', 'p-002'])
    cart = await service.carts.removeItem({ actor: alice, userId: 'alice', productId: 'p-002' })
    expect(cart.lines.map((l) => l.productId)).toEqual(['p-000'])
    expect(
      (await failure(service.carts.removeItem({ actor: alice, userId: 'alice', productId: 'p-002' }))).code,
    ).toBe('NOT_FOUND')
    cart = await service.carts.clear({ actor: alice, userId: 'alice' })
    expect(cart).toMatchObject({ lines: [], total: null, version: 7 })
  })

  it('refuses unknown and unavailable products', async () => {
    const { service } = aService({ catalog: [aProduct({ productId: 'gone', available: false })] })
    expect(
      (
        await failure(
          service.carts.addItem({ actor: alice, userId: 'alice', productId: 'nope', quantity: 1 }),
        )
      ).code,
    ).toBe('PRODUCT_NOT_FOUND')
    expect(
      (
        await failure(
          service.carts.addItem({ actor: alice, userId: 'alice', productId: 'gone', quantity: 1 }),
        )
      ).code,
    ).toBe('PRODUCT_UNAVAILABLE')
  })

  it("hides another user's cart (404) but lets admins in", async () => {
    const { service } = aService()
    expect((await failure(service.carts.get({ actor: customer('bob'), userId: 'alice' }))).code).toBe(
      'NOT_FOUND',
    )
    expect(
      (await service.carts.get({ actor: { userId: 'ops', role: 'admin' }, userId: 'alice' })).lines,
    ).toEqual([])
  })

  it('checks If-Match (412) and a checkout in progress (409) before looking the product up', async () => {
    const { service, adapters } = aService()
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity: 1 })
    const ghost = { actor: alice, userId: 'alice', productId: 'ghost', quantity: 1 }
    expect((await failure(service.carts.addItem({ ...ghost, expectedVersion: 9 }))).code).toBe(
      'VERSION_CONFLICT',
    )
    expect((await failure(service.carts.setQuantity({ ...ghost, expectedVersion: 9 }))).code).toBe(
      'VERSION_CONFLICT',
    )
    adapters.productSource.failures.failNext('fetch')
    expect((await failure(service.carts.addItem({ ...ghost, expectedVersion: 9 }))).code).toBe(
      'VERSION_CONFLICT',
    )
    // The injected failure is still pending: this request was the first to look the product up.
    expect((await failure(service.carts.addItem(ghost))).code).toBe('DEPENDENCY_UNAVAILABLE')

    adapters.orders.failures.failNext('insert')
    await expect(service.checkout.execute({ actor: alice, userId: 'alice' })).rejects.toThrow('injected')
    expect((await failure(service.carts.addItem(ghost))).code).toBe('CHECKOUT_IN_PROGRESS')
  })
})
