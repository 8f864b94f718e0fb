import type { OrderCursor, OrderPrimitives, OrderRepository } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { anOrder } from '../builders/order-builders.js'
import { shuffled } from '../builders/shuffle.js'
import { uniqueId } from '../builders/unique-id.js'
import type { AdapterUnderTest, ContractEnv } from '../contract-options.js'

/** The expected order of a listing, computed independently of the adapter. */
const newestFirst = (a: OrderPrimitives, b: OrderPrimitives): number =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1

const ids = (orders: readonly OrderPrimitives[]) => orders.map((o) => o.id)
const cursorOf = (order: OrderPrimitives): OrderCursor => ({ createdAt: order.createdAt, id: order.id })

export function listContract(subject: AdapterUnderTest<OrderRepository> & { env: ContractEnv }): void {
  const at = (seconds: number) => new Date(subject.env.clock.now().getTime() + seconds * 1000).toISOString()

  /** Inserts the orders one by one, in a shuffled order so insertion order cannot pass for sorting. */
  const insertAll = async (orders: readonly OrderPrimitives[]) => {
    for (const order of shuffled(orders)) await subject.adapter.insert(order, [])
    return orders
  }

  describe('list', () => {
    it('lists newest first by createdAt, then by id, both descending', async () => {
      const userId = uniqueId('user')
      const orders = await insertAll([
        anOrder({ userId, createdAt: at(-30) }),
        anOrder({ userId, createdAt: at(-20) }),
        anOrder({ userId, createdAt: at(-20) }),
        anOrder({ userId, createdAt: at(-20) }),
        anOrder({ userId, createdAt: at(-10) }),
      ])
      const listed = await subject.adapter.list({ userId, limit: 100 })
      expect(ids(listed)).toEqual(ids(orders.toSorted(newestFirst)))
    })

    it('filters by user and by status', async () => {
      const [alice, bob] = [uniqueId('alice'), uniqueId('bob')]
      const [pending, processing, cancelled, bobs] = await insertAll([
        anOrder({ userId: alice, status: 'Pending', createdAt: at(-3) }),
        anOrder({ userId: alice, status: 'Processing', createdAt: at(-2) }),
        anOrder({ userId: alice, status: 'Cancelled', createdAt: at(-1) }),
        anOrder({ userId: bob, status: 'Pending', createdAt: at(-1) }),
      ])
      expect(await subject.adapter.list({ userId: alice, limit: 100 })).toEqual([
        cancelled,
        processing,
        pending,
      ])
      expect(await subject.adapter.list({ userId: alice, status: 'Pending', limit: 100 })).toEqual([pending])
      expect(await subject.adapter.list({ userId: bob, limit: 100 })).toEqual([bobs])
      expect(await subject.adapter.list({ userId: bob, status: 'Shipped', limit: 100 })).toEqual([])
    })

    it('leaves deleted orders out', async () => {
      const userId = uniqueId('user')
      const [live] = await insertAll([
        anOrder({ userId, createdAt: at(-2) }),
        anOrder({ userId, createdAt: at(-1), status: 'Cancelled', deletedAt: at(0) }),
      ])
      expect(await subject.adapter.list({ userId, limit: 100 })).toEqual([live])
    })

    it('returns at most `limit` orders, the newest ones', async () => {
      const userId = uniqueId('user')
      const orders = await insertAll([1, 2, 3, 4, 5].map((s) => anOrder({ userId, createdAt: at(-s) })))
      expect(ids(await subject.adapter.list({ userId, limit: 2 }))).toEqual(ids(orders.slice(0, 2)))
    })

    it("lists every user's orders when no user is given", async () => {
      // far from any other test's orders, so a shared store cannot interleave
      const base = Date.parse('3000-01-01T00:00:00.000Z') + Math.floor(Math.random() * 1e12)
      const iso = (ms: number) => new Date(base + ms).toISOString()
      const [first, second] = await insertAll([
        anOrder({ userId: uniqueId('alice'), createdAt: iso(0) }),
        anOrder({ userId: uniqueId('bob'), createdAt: iso(1) }),
      ])
      const listed = await subject.adapter.list({ limit: 2, after: { createdAt: iso(2), id: '' } })
      expect(ids(listed)).toEqual([second!.id, first!.id])
    })

    it('pages with a cursor without duplicates or gaps while new orders arrive', async () => {
      const userId = uniqueId('user')
      const existing = await insertAll(
        [-40, -40, -30, -30, -30, -20, -10].map((s) => anOrder({ userId, createdAt: at(s) })),
      )
      const seen: OrderPrimitives[] = []
      let after: OrderCursor | undefined
      for (let page = 0; page < 10; page += 1) {
        const items = await subject.adapter.list({ userId, limit: 2, ...(after ? { after } : {}) })
        if (items.length === 0) break
        seen.push(...items)
        after = cursorOf(items.at(-1)!)
        await subject.adapter.insert(anOrder({ userId, createdAt: at(page + 1) }), [])
      }
      expect(ids(seen)).toEqual(ids(existing.toSorted(newestFirst)))
    })

    it('pages on without skips or repeats when orders leave the filter or are deleted between pages', async () => {
      const userId = uniqueId('user')
      const orders = (
        await insertAll([-50, -40, -40, -40, -30, -20, -10].map((s) => anOrder({ userId, createdAt: at(s) })))
      ).toSorted(newestFirst)
      const leave = async (order: OrderPrimitives, change: Partial<OrderPrimitives>) => {
        const changed = { ...order, ...change, version: order.version + 1 }
        expect(await subject.adapter.update(changed, { expectedVersion: order.version, events: [] })).toBe(
          true,
        )
      }
      const first = await subject.adapter.list({ userId, status: 'Pending', limit: 3 })
      // the last item of the page (the cursor's own order) and the next one both go away
      await leave(first.at(-1)!, { status: 'Cancelled' })
      await leave(orders[3]!, { status: 'Cancelled', deletedAt: at(0) })
      const second = await subject.adapter.list({
        userId,
        status: 'Pending',
        limit: 10,
        after: cursorOf(first.at(-1)!),
      })

      expect(ids([...first, ...second])).toEqual(ids(orders.filter((o) => o !== orders[3])))
    })
  })
}
