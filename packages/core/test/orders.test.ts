import { describe, expect, it } from 'vitest'
import { admin, aService, customer, failure } from './support/harness.js'

const alice = customer('alice')
const line = (quantity = 1) => [{ productId: 'p-1', quantity }]

describe('orders', () => {
  it('lists newest first with an opaque cursor, stable while new orders arrive', async () => {
    const { service, clock } = aService()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      clock.advance(1000)
      ids.push((await service.orders.create({ actor: alice, userId: 'alice', lines: line() })).order.id)
    }
    const page1 = await service.orders.list({ actor: alice, limit: 2 })
    expect(page1.items.map((o) => o.id)).toEqual([ids[4], ids[3]])
    clock.advance(1000)
    await service.orders.create({ actor: alice, userId: 'alice', lines: line() })
    const page2 = await service.orders.list({ actor: alice, limit: 2, cursor: page1.nextCursor! })
    const page3 = await service.orders.list({ actor: alice, limit: 2, cursor: page2.nextCursor! })
    expect([...page2.items, ...page3.items].map((o) => o.id)).toEqual([ids[2], ids[1], ids[0]])
    expect(page3.nextCursor).toBeNull()
    expect((await failure(service.orders.list({ actor: alice, cursor: 'not-a-cursor' }))).code).toBe(
      'MALFORMED_REQUEST',
    )
    expect((await failure(service.orders.list({ actor: alice, limit: 101 }))).code).toBe('MALFORMED_REQUEST')
  })

  it('filters by status and scopes customers to their own orders', async () => {
    const { service } = aService()
    const { order } = await service.orders.create({ actor: alice, userId: 'alice', lines: line() })
    await service.orders.create({ actor: customer('bob'), userId: 'bob', lines: line() })
    await service.orders.cancel({ actor: alice, orderId: order.id })
    expect((await service.orders.list({ actor: alice, status: 'Cancelled' })).items.map((o) => o.id)).toEqual(
      [order.id],
    )
    expect((await service.orders.list({ actor: alice, status: 'Pending' })).items).toEqual([])
    expect((await failure(service.orders.list({ actor: alice, userId: 'bob' }))).code).toBe('FORBIDDEN')
    expect((await service.orders.list({ actor: admin })).items).toHaveLength(2)
    expect((await failure(service.orders.get({ actor: customer('bob'), orderId: order.id }))).code).toBe(
      'NOT_FOUND',
    )
    expect((await failure(service.orders.create({ actor: alice, userId: 'bob', lines: line() }))).code).toBe(
      'FORBIDDEN',
    )
  })

  it('updates only Pending orders, with an expected version', async () => {
    const { service } = aService()
    const { order } = await service.orders.create({ actor: alice, userId: 'alice', lines: line() })
    const updated = await service.orders.update({
      actor: alice,
      orderId: order.id,
      expectedVersion: 1,
      changes: { lines: line(3), note: 'ring twice' },
    })
    expect(updated).toMatchObject({ version: 2, note: 'ring twice', total: { amount: 3 * 1999 } })
    expect(
      (
        await failure(
          service.orders.update({
            actor: alice,
            orderId: order.id,
            expectedVersion: 1,
            changes: { note: 'x' },
          }),
        )
      ).code,
    ).toBe('VERSION_CONFLICT')
    await service.orders.changeStatus({ actor: admin, orderId: order.id, status: 'Processing' })
    expect(
      (await failure(service.orders.update({ actor: alice, orderId: order.id, changes: { note: 'x' } })))
        .code,
    ).toBe('ORDER_NOT_MODIFIABLE')
  })

  it('checks an update in the order 404, 412, 409 before looking up the new lines (422)', async () => {
    const { service, adapters } = aService()
    const { order } = await service.orders.create({ actor: alice, userId: 'alice', lines: line() })
    const unknownLines = { lines: [{ productId: 'ghost', quantity: 1 }] }
    const codeOf = async (input: Parameters<typeof service.orders.update>[0]) =>
      (await failure(service.orders.update(input))).code
    expect(await codeOf({ actor: alice, orderId: 'no-such-order', changes: unknownLines })).toBe('NOT_FOUND')
    expect(await codeOf({ actor: customer('bob'), orderId: order.id, changes: unknownLines })).toBe(
      'NOT_FOUND',
    )
    expect(await codeOf({ actor: alice, orderId: order.id, expectedVersion: 9, changes: unknownLines })).toBe(
      'VERSION_CONFLICT',
    )
    // None of these asked the ProductService (an outage there would have turned them into 503s).
    adapters.productSource.failures.failNext('fetch')
    expect(await codeOf({ actor: customer('bob'), orderId: order.id, changes: unknownLines })).toBe(
      'NOT_FOUND',
    )
    // …and the failure is still pending: the first lookup meets it.
    expect(await codeOf({ actor: alice, orderId: order.id, changes: unknownLines })).toBe(
      'DEPENDENCY_UNAVAILABLE',
    )
    expect(await codeOf({ actor: alice, orderId: order.id, changes: unknownLines })).toBe('PRODUCT_NOT_FOUND')
    await service.orders.changeStatus({ actor: admin, orderId: order.id, status: 'Processing' })
    expect(await codeOf({ actor: alice, orderId: order.id, changes: unknownLines })).toBe(
      'ORDER_NOT_MODIFIABLE',
    )
  })

  it('answers a customer changing a status 403 before checking If-Match, and 404 for orders not theirs', async () => {
    const { service } = aService()
    const { order } = await service.orders.create({ actor: alice, userId: 'alice', lines: line() })
    const codeOf = async (input: Parameters<typeof service.orders.changeStatus>[0]) =>
      (await failure(service.orders.changeStatus(input))).code
    expect(await codeOf({ actor: alice, orderId: order.id, expectedVersion: 9, status: 'Processing' })).toBe(
      'FORBIDDEN',
    )
    expect(await codeOf({ actor: customer('bob'), orderId: order.id, status: 'Processing' })).toBe(
      'NOT_FOUND',
    )
    await service.orders.changeStatus({ actor: admin, orderId: order.id, status: 'Processing' })
    expect(
      (await failure(service.orders.cancel({ actor: alice, orderId: order.id, expectedVersion: 9 }))).code,
    ).toBe('FORBIDDEN')
  })

  it('deletes only Pending or Cancelled orders; deleted orders are 404', async () => {
    const { service } = aService()
    const { order } = await service.orders.create({ actor: alice, userId: 'alice', lines: line() })
    await service.orders.changeStatus({ actor: admin, orderId: order.id, status: 'Processing' })
    expect((await failure(service.orders.delete({ actor: alice, orderId: order.id }))).code).toBe(
      'ORDER_NOT_MODIFIABLE',
    )
    await service.orders.cancel({ actor: admin, orderId: order.id })
    await service.orders.delete({ actor: alice, orderId: order.id })
    expect((await failure(service.orders.get({ actor: alice, orderId: order.id }))).code).toBe('NOT_FOUND')
    expect((await service.orders.list({ actor: alice })).items).toEqual([])
  })

  it('creating with an idempotency key twice makes one order', async () => {
    const { service, adapters } = aService()
    const a = await service.orders.create({
      actor: alice,
      userId: 'alice',
      lines: line(),
      idempotencyKey: 'k',
    })
    const b = await service.orders.create({
      actor: alice,
      userId: 'alice',
      lines: line(),
      idempotencyKey: 'k',
    })
    expect([a.created, b.created]).toEqual([true, false])
    expect(b.order.id).toBe(a.order.id)
    expect(await adapters.orders.list({ limit: 10 })).toHaveLength(1)
  })
})
