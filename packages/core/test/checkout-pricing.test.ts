import { describe, expect, it } from 'vitest'
import { productFromData, tombstone } from '../src/index.js'
import { aCatalog, aProduct, aService, customer, failure } from './support/harness.js'

const alice = customer('alice')

describe('checkout pricing', () => {
  it('answers PRICE_CHANGED with the differences, then succeeds at the new price with acceptPriceChanges', async () => {
    const { service } = aService({ catalog: aCatalog(2) })
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-000', quantity: 2 })
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-001', quantity: 1 })
    await service.products.apply(
      productFromData(
        aProduct({
          productId: 'p-000',
          name: 'Product 0',
          price: { amount: 250, currency: 'EUR' },
          version: 2,
        }),
      ),
    )

    const cart = await service.carts.get({ actor: alice, userId: 'alice' })
    expect(cart.lines[0]).toMatchObject({
      priceChanged: true,
      unitPrice: { amount: 100 },
      currentPrice: { amount: 250 },
    })
    expect(cart.total).toEqual({ amount: 2 * 250 + 101, currency: 'EUR' })

    const error = await failure(service.checkout.execute({ actor: alice, userId: 'alice' }))
    expect(error.code).toBe('PRICE_CHANGED')
    expect(error.details.changes).toEqual([
      {
        productId: 'p-000',
        unitPrice: { amount: 100, currency: 'EUR' },
        currentPrice: { amount: 250, currency: 'EUR' },
      },
    ])

    const { order } = await service.checkout.execute({
      actor: alice,
      userId: 'alice',
      acceptPriceChanges: true,
    })
    expect(order.lines.map((l) => [l.productId, l.unitPrice.amount, l.lineTotal.amount])).toEqual([
      ['p-000', 250, 500],
      ['p-001', 101, 101],
    ])
    expect(order.total).toEqual({ amount: 601, currency: 'EUR' })
  })

  it('names unavailable and deleted products; that wins over a price change', async () => {
    const { service } = aService({ catalog: aCatalog(3) })
    for (const id of ['p-000', 'p-001', 'p-002'])
      await service.carts.addItem({ actor: alice, userId: 'alice', productId: id, quantity: 1 })
    await service.products.apply(
      productFromData(aProduct({ productId: 'p-000', price: { amount: 1, currency: 'EUR' }, version: 2 })),
    )
    await service.products.apply(
      productFromData(aProduct({ productId: 'p-001', available: false, version: 2 })),
    )
    let error = await failure(service.checkout.execute({ actor: alice, userId: 'alice' }))
    expect(error).toMatchObject({ code: 'PRODUCT_UNAVAILABLE', details: { productIds: ['p-001'] } })

    await service.products.apply(tombstone('p-002', 5))
    error = await failure(service.checkout.execute({ actor: alice, userId: 'alice' }))
    expect(error).toMatchObject({
      code: 'PRODUCT_NOT_FOUND',
      details: { productIds: ['p-002'], unavailable: ['p-001'] },
    })
    const cart = await service.carts.get({ actor: alice, userId: 'alice' })
    expect(cart.lines.map((l) => [l.productId, l.available, l.currentPrice])).toEqual([
      ['p-000', true, { amount: 1, currency: 'EUR' }],
      ['p-001', false, { amount: 1999, currency: 'EUR' }],
      ['p-002', false, null],
    ])
    expect(cart.total).toEqual({ amount: 1, currency: 'EUR' })
  })

  it('prices orders from current product data in exact minor units', async () => {
    const { service } = aService({
      catalog: [aProduct({ productId: 'cheap', price: { amount: 333, currency: 'EUR' } })],
    })
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'cheap', quantity: 3 })
    const { order } = await service.checkout.execute({ actor: alice, userId: 'alice' })
    expect(order.total).toEqual({ amount: 999, currency: 'EUR' })
    expect(Number.isInteger(order.total.amount)).toBe(true)
  })
})
