import { describe, expect, it } from 'vitest'
import { mongodbUri, useTestDatabase } from './support/database.js'

/** An index key as `[field, direction]` pairs: the order of the fields matters. */
type IndexKey = [string, number][]

/**
 * FerretDB v1 on SQLite scans for every query (its `explain` shows `SCAN` and no pushdown), so what a
 * MongoDB server would use is checked on the index definitions: each `GET /orders` shape needs an index
 * made of its equality filter followed by the sort, or the server sorts every matching order per page.
 */
describe.skipIf(!mongodbUri)('mongo indexes for the listing and the purges', () => {
  const db = useTestDatabase('list_indexes')
  const keysOf = async (collection: string) =>
    (await db.connection.collection(collection).listIndexes().toArray()).map(
      (index): IndexKey => Object.entries(index.key as Record<string, number>),
    )

  const CURSOR_SORT: IndexKey = [
    ['createdAt', -1],
    ['_id', -1],
  ]

  it.each<[string, IndexKey]>([
    ["one user's orders", [['userId', 1]]],
    ['all orders (admin)', []],
    // Regression: only `{status: 1}` existed, so an admin listing by status sorted all orders of that status.
    ['all orders of one status (admin)', [['status', 1]]],
  ])('has an index that serves the filter and sort of %s', async (_, equality) => {
    expect(await keysOf('orders')).toContainEqual([...equality, ...CURSOR_SORT])
  })

  it('has indexes for the purges that replace TTL indexes', async () => {
    expect(await keysOf('orders')).toContainEqual([['deletedAt', 1]])
    expect(await keysOf('idempotency_records')).toContainEqual([['expiresAt', 1]])
  })
})
