import { aCart, aCartLine, anOrder, anOutboxEvent } from '@orders/contract-tests'
import { describe, expect, it } from 'vitest'
import { mongoCartRepository, mongoOrderRepository } from '../src/index.js'
import { mongodbUri, useSecondConnection, useTestDatabase } from './support/database.js'

// Two connections are two instances as far as the server can tell (own pools, own sockets): on
// FerretDB their conditional writes are only atomic thanks to the per-document write locks.
describe.skipIf(!mongodbUri)('two instances writing the same documents', () => {
  const db = useTestDatabase('instances')
  const second = useSecondConnection(db)
  const instances = () => [db.connection, second.connection]

  it('lets exactly one of 12 saves with one expected version win, across instances', async () => {
    const cart = aCart()
    await mongoCartRepository({ connection: db.connection }).save(cart, { expectedVersion: 0 })
    const candidates = Array.from({ length: 12 }, () => ({ ...cart, lines: [aCartLine()], version: 2 }))

    const results = await Promise.all(
      candidates.map((c, i) =>
        mongoCartRepository({ connection: instances()[i % 2]! }).save(c, { expectedVersion: 1 }),
      ),
    )

    expect(results.filter(Boolean)).toHaveLength(1)
    const stored = await mongoCartRepository({ connection: second.connection }).get(cart.userId)
    expect(stored).toEqual(candidates[results.indexOf(true)])
  })

  it('never loses an event appended by one instance while the other marks events published', async () => {
    const [a, b] = instances().map((connection) => mongoOrderRepository({ connection }))
    const order = anOrder()
    const first = anOutboxEvent(order)
    await a!.insert(order, [first])
    let current = order
    const appended = []
    for (let round = 0; round < 8; round += 1) {
      const next = { ...current, note: `round ${round}`, version: current.version + 1 }
      const event = anOutboxEvent(next, { type: 'order.updated' })
      appended.push(event)
      const published = round === 0 ? [first.id] : [appended[round - 1]!.id]
      const [updated] = await Promise.all([
        b!.update(next, { expectedVersion: current.version, events: [event] }),
        a!.markPublished(order.id, published, 'a'),
      ])
      expect(updated).toBe(true)
      current = next
    }

    const claims = await a!.claimOutbox({ owner: 'check', limit: 1000, leaseMs: 30_000 })
    expect(claims.find((c) => c.orderId === order.id)?.events.map((e) => e.id)).toEqual([appended.at(-1)!.id])
  })

  it('gives each order to one of two instances claiming at once', async () => {
    const [a, b] = instances().map((connection) => mongoOrderRepository({ connection }))
    const orders = Array.from({ length: 6 }, () => anOrder())
    for (const o of orders) await a!.insert(o, [anOutboxEvent(o)])

    const [fromA, fromB] = await Promise.all(
      [a!, b!].map((r, i) => r.claimOutbox({ owner: `instance-${i}`, limit: 1000, leaseMs: 30_000 })),
    )

    const ids = new Set(orders.map((o) => o.id))
    const claimed = [...fromA!, ...fromB!].map((c) => c.orderId).filter((id) => ids.has(id))
    expect(claimed.toSorted()).toEqual([...ids].toSorted())
  })
})
