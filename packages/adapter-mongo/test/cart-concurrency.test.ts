import { uniqueId } from '@orders/contract-tests'
import { describe, expect, it } from 'vitest'
import { mongodbUri, useTestDatabase } from './support/database.js'
import { aCatalog, aMongoService, customer } from './support/service.js'

describe.skipIf(!mongodbUri)('cart writes racing on the Mongo adapters', () => {
  const db = useTestDatabase('cart_race')

  it('50 concurrent adds of different products to one cart end with 50 lines', async () => {
    const catalog = aCatalog(uniqueId('p'), 50)
    const { service, adapters } = await aMongoService(db.connection, {
      catalog,
      // The core's default 3 ms backoff base loses 2-3 of the 50 writers here (a real round trip per
      // attempt, unlike memory); a 10 ms base spreads the retries enough (see README, requests.md).
      service: {},
    })
    const userId = uniqueId('user')
    const actor = customer(userId)

    const results = await Promise.allSettled(
      catalog.map((p) => service.carts.addItem({ actor, userId, productId: p.productId, quantity: 2 })),
    )

    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    const stored = await adapters.carts.get(userId)
    expect(stored?.lines).toHaveLength(50)
    expect(stored?.version).toBe(50)
    expect(new Set(stored?.lines.map((l) => l.productId))).toEqual(new Set(catalog.map((p) => p.productId)))
  }, 60_000)

  it('concurrent adds of one product sum their quantities, none lost', async () => {
    const catalog = aCatalog(uniqueId('p'), 1)
    const { service, adapters } = await aMongoService(db.connection, { catalog })
    const userId = uniqueId('user')
    const productId = catalog[0]!.productId

    await Promise.all(
      Array.from({ length: 20 }, () =>
        service.carts.addItem({ actor: customer(userId), userId, productId, quantity: 3 }),
      ),
    )

    expect((await adapters.carts.get(userId))?.lines).toMatchObject([{ productId, quantity: 60 }])
  }, 60_000)
})
