import { describe, expect, it } from 'vitest'
import { TokenCache } from '../src/auth/token-cache.js'

const alice = { userId: 'alice', role: 'customer' } as const
const bob = { userId: 'bob', role: 'admin' } as const

function aClock(startMs = 1_800_000_000_000) {
  let now = startMs
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('TokenCache', () => {
  it('keeps a token until its exp, then forgets it', () => {
    const clock = aClock()
    const cache = new TokenCache({ now: clock.now })
    cache.set('t1', alice, clock.now() / 1000 + 60)
    expect(cache.get('t1')).toEqual(alice)
    clock.advance(60_000)
    expect(cache.get('t1')).toBeUndefined()
    expect(cache.size).toBe(0)
  })

  it('never keeps a token longer than maxAgeMs, exp or not', () => {
    const clock = aClock()
    const cache = new TokenCache({ now: clock.now, maxAgeMs: 1000 })
    cache.set('no-exp', alice, undefined)
    cache.set('far-exp', bob, clock.now() / 1000 + 86_400)
    clock.advance(999)
    expect([cache.get('no-exp'), cache.get('far-exp')]).toEqual([alice, bob])
    clock.advance(1)
    expect([cache.get('no-exp'), cache.get('far-exp')]).toEqual([undefined, undefined])
  })

  it('does not store a token that has already expired', () => {
    const clock = aClock()
    const cache = new TokenCache({ now: clock.now })
    cache.set('old', alice, clock.now() / 1000 - 1)
    expect(cache.size).toBe(0)
  })

  it('stays within maxEntries, dropping an expired entry first, else the oldest', () => {
    const clock = aClock()
    const cache = new TokenCache({ now: clock.now, maxEntries: 3 })
    cache.set('a', alice, clock.now() / 1000 + 600)
    cache.set('short', alice, clock.now() / 1000 + 1)
    cache.set('b', bob, clock.now() / 1000 + 600)
    clock.advance(2000)
    cache.set('c', bob, clock.now() / 1000 + 600)
    expect([cache.get('a'), cache.get('short'), cache.get('b'), cache.get('c')]).toEqual([
      alice,
      undefined,
      bob,
      bob,
    ])
    cache.set('d', alice, clock.now() / 1000 + 600)
    expect(cache.size).toBe(3)
    expect(cache.get('a')).toBeUndefined()
    expect(cache.get('d')).toEqual(alice)
  })
})
