import { describe, expect, it } from 'vitest'
import { aCatalog, aService, customer, failure } from './support/harness.js'

const alice = customer('alice')

describe('cart writes under concurrency', () => {
  it('50 concurrent adds of different products end with 50 lines', async () => {
    const { service, adapters } = aService({ catalog: aCatalog(50) })
    await Promise.all(
      aCatalog(50).map((p) =>
        service.carts.addItem({ actor: alice, userId: 'alice', productId: p.productId, quantity: 1 }),
      ),
    )
    const cart = await adapters.carts.get('alice')
    expect(cart?.lines).toHaveLength(50)
    expect(cart?.version).toBe(50)
  })

  it('50 concurrent +1s on one product end with quantity 50', async () => {
    const { service, adapters } = aService({ catalog: aCatalog(1) })
    await Promise.all(
      Array.from({ length: 50 }, () =>
        service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-000', quantity: 1 }),
      ),
    )
    expect((await adapters.carts.get('alice'))?.lines).toEqual([
      expect.objectContaining({ productId: 'p-000', quantity: 50 }),
    ])
  })

  it('a stale expected version (If-Match) is VERSION_CONFLICT and changes nothing', async () => {
    const { service } = aService({ catalog: aCatalog(2) })
    const v1 = await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-000', quantity: 1 })
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-001', quantity: 1 })
    const error = await failure(
      service.carts.setQuantity({
        actor: alice,
        userId: 'alice',
        productId: 'p-000',
        quantity: 5,
        expectedVersion: v1.version,
      }),
    )
    expect(error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { expectedVersion: 1, currentVersion: 2 },
    })
    const cart = await service.carts.get({ actor: alice, userId: 'alice' })
    expect(cart.lines.find((l) => l.productId === 'p-000')?.quantity).toBe(1)
    const ok = await service.carts.setQuantity({
      actor: alice,
      userId: 'alice',
      productId: 'p-000',
      quantity: 5,
      expectedVersion: 2,
    })
    expect(ok.version).toBe(3)
  })

  it('gives up with CONCURRENT_UPDATE when every attempt loses its race', async () => {
    const { service, adapters } = aService({ service: { maxWriteAttempts: 3 } })
    const save = adapters.carts.save.bind(adapters.carts)
    let attempts = 0
    adapters.carts.save = async (cart, options) => {
      attempts += 1
      const current = await adapters.carts.get(cart.userId)
      await save(
        { ...(current ?? cart), version: (current?.version ?? 0) + 1 },
        { expectedVersion: current?.version ?? 0 },
      )
      return save(cart, options)
    }
    expect(
      (await failure(service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity: 1 })))
        .code,
    ).toBe('CONCURRENT_UPDATE')
    expect(attempts).toBe(3)
  })
})
