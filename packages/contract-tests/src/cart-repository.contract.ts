import type { CartPrimitives, CartRepository } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { aCart, aCartLine, aCheckoutMark } from './builders/cart-builders.js'
import { uniqueId } from './builders/unique-id.js'
import { adapterUnderTest, type ContractOptions } from './contract-options.js'

/** The next version of `cart` with one more line. */
const withAnotherLine = (cart: CartPrimitives): CartPrimitives => ({
  ...cart,
  lines: [...cart.lines, aCartLine()],
  version: cart.version + 1,
})

/**
 * The CartRepository contract (see the port's JSDoc).
 * @example
 * describeCartRepositoryContract({ name: 'mongo', create: () => mongoCartRepository({ connection }) })
 */
export function describeCartRepositoryContract(options: ContractOptions<CartRepository>): void {
  describe(`${options.name} CartRepository contract`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup)

    describe('conditional save', () => {
      it('returns null for a cart never saved', async () => {
        expect(await subject.adapter.get(uniqueId('user'))).toBeNull()
      })

      it('creates a cart with expected version 0 and reads it back intact', async () => {
        const cart = aCart({ lines: [aCartLine({ quantity: 3 }), aCartLine()] })
        expect(await subject.adapter.save(cart, { expectedVersion: 0 })).toBe(true)
        expect(await subject.adapter.get(cart.userId)).toEqual(cart)
      })

      it('keeps no reference to the saved cart and does not change it', async () => {
        const cart = aCart({ lines: [aCartLine({ quantity: 3 })] })
        const sent = structuredClone(cart)
        await subject.adapter.save(cart, { expectedVersion: 0 })
        expect(cart).toEqual(sent)
        cart.lines[0]!.quantity = 7
        cart.lines[0]!.unitPrice = {
          ...cart.lines[0]!.unitPrice,
          amount: cart.lines[0]!.unitPrice.amount + 1,
        }
        cart.lines.push(aCartLine())
        cart.updatedAt = new Date(0).toISOString()
        expect(await subject.adapter.get(cart.userId)).toEqual(sent)
      })

      it('refuses to create a cart that already exists', async () => {
        const cart = aCart()
        await subject.adapter.save(cart, { expectedVersion: 0 })
        const other = aCart({ userId: cart.userId })
        expect(await subject.adapter.save(other, { expectedVersion: 0 })).toBe(false)
        expect(await subject.adapter.get(cart.userId)).toEqual(cart)
      })

      it('saves over the expected version', async () => {
        const cart = aCart()
        await subject.adapter.save(cart, { expectedVersion: 0 })
        const next = withAnotherLine(cart)
        expect(await subject.adapter.save(next, { expectedVersion: cart.version })).toBe(true)
        expect(await subject.adapter.get(cart.userId)).toEqual(next)
      })

      it('rejects a stale version and writes nothing', async () => {
        const cart = aCart()
        await subject.adapter.save(cart, { expectedVersion: 0 })
        const next = withAnotherLine(cart)
        await subject.adapter.save(next, { expectedVersion: cart.version })
        const stale = withAnotherLine(cart)
        expect(await subject.adapter.save(stale, { expectedVersion: cart.version })).toBe(false)
        expect(await subject.adapter.get(cart.userId)).toEqual(next)
      })

      it('lets exactly one of concurrent creations win', async () => {
        const userId = uniqueId('user')
        const candidates = Array.from({ length: 10 }, () => aCart({ userId }))
        const results = await Promise.all(
          candidates.map((c) => subject.adapter.save(c, { expectedVersion: 0 })),
        )
        expect(results.filter(Boolean)).toHaveLength(1)
        expect(await subject.adapter.get(userId)).toEqual(candidates[results.indexOf(true)])
      })

      it('lets exactly one of concurrent saves with the same expected version win', async () => {
        const cart = aCart()
        await subject.adapter.save(cart, { expectedVersion: 0 })
        const candidates = Array.from({ length: 10 }, () => withAnotherLine(cart))
        const results = await Promise.all(
          candidates.map((c) => subject.adapter.save(c, { expectedVersion: cart.version })),
        )
        expect(results.filter(Boolean)).toHaveLength(1)
        expect(await subject.adapter.get(cart.userId)).toEqual(candidates[results.indexOf(true)])
      })

      it('stores a checkout mark with its draft and clears it', async () => {
        const cart = aCart()
        await subject.adapter.save(cart, { expectedVersion: 0 })
        const marked = { ...cart, version: 2, checkout: aCheckoutMark() }
        await subject.adapter.save(marked, { expectedVersion: 1 })
        expect(await subject.adapter.get(cart.userId)).toEqual(marked)
        const completed = { ...marked, lines: [], version: 3, checkout: null }
        expect(await subject.adapter.save(completed, { expectedVersion: 2 })).toBe(true)
        expect(await subject.adapter.get(cart.userId)).toEqual(completed)
      })
    })

    describe('stale checkouts', () => {
      // far in the past and random, so other tests' marks in a shared store stay out of the window
      const base = () => Date.parse('2001-01-01T00:00:00.000Z') + Math.floor(Math.random() * 1e11)
      const markedAt = (ms: number) => aCart({ version: 2, checkout: aCheckoutMark({ startedAt: iso(ms) }) })
      const iso = (ms: number) => new Date(ms).toISOString()
      const saveAll = async (carts: readonly CartPrimitives[]) => {
        for (const cart of carts) await subject.adapter.save(cart, { expectedVersion: 0 })
      }

      it('finds the carts whose checkout started before the cutoff, oldest first', async () => {
        const t = base()
        const [oldest, middle, newest] = [markedAt(t + 1000), markedAt(t + 2000), markedAt(t + 3000)]
        const atCutoff = markedAt(t + 5000)
        const later = markedAt(t + 9000)
        const unmarked = aCart()
        await saveAll([middle, later, newest, unmarked, oldest, atCutoff])

        const found = await subject.adapter.findStaleCheckouts({ startedBefore: iso(t + 5000), limit: 1000 })

        const ours = new Set([oldest, middle, newest, atCutoff, later, unmarked].map((c) => c.userId))
        expect(found.filter((c) => ours.has(c.userId))).toEqual([oldest, middle, newest])
        const startedAt = found.map((c) => c.checkout?.startedAt ?? '')
        expect(startedAt).toEqual(startedAt.toSorted())
        expect(startedAt.every((s) => s !== '' && s < iso(t + 5000))).toBe(true)
      })

      it('returns at most `limit` stale checkouts', async () => {
        const t = base()
        await saveAll([markedAt(t + 3000), markedAt(t + 1000), markedAt(t + 2000)])
        const found = await subject.adapter.findStaleCheckouts({ startedBefore: iso(t + 5000), limit: 2 })
        expect(found).toHaveLength(2)
        expect(found[0]!.checkout!.startedAt <= found[1]!.checkout!.startedAt).toBe(true)
      })
    })
  })
}
