import { aCart, aCartLine } from '@orders/contract-tests'
import { describe, expect, it } from 'vitest'
import { mongoCartRepository } from '../src/index.js'
import { LEASE_MS } from '../src/write-locks.js'
import { mongodbUri, useTestDatabase } from './support/database.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// A cart save that finds the cart's write lock held by another save waits briefly for it: the holder
// may be a stale save that changes nothing, and a correct If-Match must not get 412 for the overlap.
describe.skipIf(!mongodbUri)('a cart save that finds the lock busy', () => {
  const db = useTestDatabase('cartwait')
  const locks = () =>
    db.connection.db!.collection<{ _id: string; owner: string; until: number }>('write_locks')

  it('saves with the right expected version once a short-lived holder lets go', async () => {
    const carts = mongoCartRepository({ connection: db.connection, writeLocks: 'on' })
    const cart = aCart()
    await carts.save(cart, { expectedVersion: 0 })
    await locks().insertOne({
      _id: `carts:${cart.userId}`,
      owner: 'another-save',
      until: Date.now() + LEASE_MS,
    })
    const holderLetsGo = sleep(30).then(() => locks().deleteOne({ _id: `carts:${cart.userId}` }))

    const next = { ...cart, lines: [aCartLine()], version: cart.version + 1 }
    const saved = await carts.save(next, { expectedVersion: cart.version })
    await holderLetsGo

    expect(saved).toBe(true)
    expect(await carts.get(cart.userId)).toEqual(next)
  })

  it('answers stale, within a bounded wait, while the holder keeps the lock', async () => {
    const carts = mongoCartRepository({ connection: db.connection, writeLocks: 'on' })
    const cart = aCart()
    await carts.save(cart, { expectedVersion: 0 })
    await locks().insertOne({ _id: `carts:${cart.userId}`, owner: 'slow-save', until: Date.now() + LEASE_MS })

    const started = Date.now()
    const saved = await carts.save({ ...cart, version: cart.version + 1 }, { expectedVersion: cart.version })
    const waited = Date.now() - started
    await locks().deleteOne({ _id: `carts:${cart.userId}` })

    expect(saved).toBe(false)
    expect(waited).toBeLessThan(1_000)
    expect(await carts.get(cart.userId)).toEqual(cart)
  })
})
