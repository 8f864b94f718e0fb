import { describe, expect, it } from 'vitest'
import { admin, aService, customer, failure } from './support/harness.js'

const alice = customer('alice')
const line = [{ productId: 'p-1', quantity: 1 }]
/** A cursor as `encodeCursor` builds it, with whatever the client put in. */
const tampered = (createdAt: unknown, id: unknown) =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url')

describe('order page cursors', () => {
  it('pages through orders sharing one createdAt millisecond without gaps or repeats', async () => {
    const { service } = aService()
    const created: string[] = []
    for (let i = 0; i < 7; i++) {
      created.push((await service.orders.create({ actor: alice, userId: 'alice', lines: line })).order.id)
    }
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page++) {
      const result = await service.orders.list({ actor: alice, limit: 2, ...(cursor ? { cursor } : {}) })
      seen.push(...result.items.map((o) => o.id))
      if (result.nextCursor === null) break
      cursor = result.nextCursor
    }
    expect(seen).toEqual(created.toReversed())
  })

  // Regression: Date.parse accepted any date-like text ("2030", "Jan 1 2030 (…)"), which the stores
  // compare as strings against ISO times: a forged cursor silently restarted the listing at an
  // arbitrary point instead of answering 400 like any other bad cursor.
  it.each([
    ['a year only', '2030'],
    ['an ISO time without milliseconds', '2030-01-01T00:00:00Z'],
    ['an offset instead of Z', '2030-01-01T01:00:00.000+01:00'],
    ['free text Date.parse accepts', 'Jan 1 2030 (anything)'],
  ])('rejects a cursor whose createdAt is %s with MALFORMED_REQUEST', async (_, createdAt) => {
    const { service } = aService()
    await service.orders.create({ actor: alice, userId: 'alice', lines: line })
    const error = await failure(service.orders.list({ actor: admin, cursor: tampered(createdAt, 'x') }))
    expect(error.code).toBe('MALFORMED_REQUEST')
  })

  it('rejects cursors that are not [createdAt, id] with MALFORMED_REQUEST', async () => {
    const { service } = aService()
    for (const cursor of [
      tampered('2030-01-01T00:00:00.000Z', 7),
      tampered('2030-01-01T00:00:00.000Z', 'x'.repeat(65)),
      Buffer.from('{"createdAt":"2030-01-01T00:00:00.000Z"}').toString('base64url'),
      '%%%',
    ]) {
      expect((await failure(service.orders.list({ actor: admin, cursor }))).code).toBe('MALFORMED_REQUEST')
    }
  })

  it("takes a cursor as a position only: another filter's cursor continues that filter after it", async () => {
    const { service, clock } = aService()
    const mine: string[] = []
    for (let i = 0; i < 3; i++) {
      clock.advance(1000)
      mine.push((await service.orders.create({ actor: alice, userId: 'alice', lines: line })).order.id)
      clock.advance(1000)
      await service.orders.create({ actor: admin, userId: 'bob', lines: line })
    }
    const allPage = await service.orders.list({ actor: admin, limit: 2 })
    const own = await service.orders.list({ actor: alice, cursor: allPage.nextCursor! })
    expect(own.items.map((o) => o.id)).toEqual([mine[1], mine[0]])
  })
})
