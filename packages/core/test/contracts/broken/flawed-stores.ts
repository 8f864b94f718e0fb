import {
  type CartPrimitives,
  type CartRepository,
  type Clock,
  type IdempotencyRecord,
  type IdempotencyStore,
  isNewer,
  type ProductCache,
  type ProductRepository,
  type ProductState,
} from '../../../src/index.js'
import {
  inMemoryCartRepository,
  inMemoryIdempotencyStore,
  inMemoryProductCache,
} from '../../../src/testing/index.js'
import { latency } from './latency.js'

/** Flaw: `save` ignores `expectedVersion` (last writer wins). */
export function cartRepositoryWithoutVersionCheck(): CartRepository {
  const inner = inMemoryCartRepository()
  const blindSave = async (cart: CartPrimitives): Promise<boolean> => {
    for (;;) {
      const stored = await inner.get(cart.userId)
      if (await inner.save(cart, { expectedVersion: stored?.version ?? 0 })) return true
    }
  }
  return { ...inner, save: (cart) => blindSave(cart) }
}

/**
 * A product store in a Map whose upsert is flawed: `check: 'none'` stores whatever arrives;
 * `check: 'racy'` compares versions on a read taken before a write delay that is longer for older
 * versions (a slow writer of an old version lands last).
 */
export function flawedProductRepository(check: 'none' | 'racy'): ProductRepository {
  const states = new Map<string, ProductState>()
  const read = (id: string) => structuredClone(states.get(id) ?? null)
  return {
    get: async (productId) => read(productId),
    getMany: async (ids) => ids.flatMap((id) => (states.has(id) ? [read(id)!] : [])),
    async upsert(state) {
      if (check === 'racy') {
        const current = read(state.productId)
        if (!isNewer(state, current)) return { applied: false, current: current! }
        await latency(Math.max(1, 50 - state.version))
      }
      states.set(state.productId, structuredClone(state))
      return { applied: true, current: structuredClone(state) }
    },
  }
}

/** Flaw: the entries never expire (the TTL given to the contract is ignored). */
export function productCacheWithoutTtl(clock: Clock): ProductCache {
  return inMemoryProductCache({ clock, ttlSeconds: 10 * 365 * 86_400 })
}

/** Flaw: `set` overwrites whatever is cached (no version guard). */
export function productCacheWithoutVersionCheck(clock: Clock, ttlSeconds: number): ProductCache {
  const entries = new Map<string, { state: ProductState; expiresAt: number }>()
  const live = (id: string) => {
    const entry = entries.get(id)
    return entry && entry.expiresAt > clock.now().getTime() ? structuredClone(entry.state) : null
  }
  return {
    get: async (id) => live(id),
    getMany: async (ids) => ids.flatMap((id) => live(id) ?? []),
    async set(state) {
      entries.set(state.productId, {
        state: structuredClone(state),
        expiresAt: clock.now().getTime() + ttlSeconds * 1000,
      })
      return true
    },
  }
}

/** Flaw: the store reads a frozen clock, so records never expire and locks never pass. */
export function idempotencyStoreWithoutExpiry(clock: Clock): IdempotencyStore {
  const frozen = clock.now()
  return inMemoryIdempotencyStore({ clock: { now: () => new Date(frozen) } })
}

/**
 * Flaw: `complete` and `release` act on whatever claim holds `{userId, key}`, so a request that outlived
 * its lock overwrites or drops the record of the one that took over.
 */
export function idempotencyStoreWithUnscopedClaims(clock: Clock): IdempotencyStore {
  const inner = inMemoryIdempotencyStore({ clock })
  const current = new Map<string, string>()
  const id = (userId: string, key: string) => `${userId}\u0000${key}`
  return {
    async claim(record) {
      const result = await inner.claim(record)
      if (result.claimed) current.set(id(record.userId, record.key), record.claimId)
      return result
    },
    complete: (claim, response) =>
      inner.complete(
        { ...claim, claimId: current.get(id(claim.userId, claim.key)) ?? claim.claimId },
        response,
      ),
    release: (claim) =>
      inner.release({ ...claim, claimId: current.get(id(claim.userId, claim.key)) ?? claim.claimId }),
    purgeExpired: (options) => inner.purgeExpired(options),
  }
}

/**
 * Flaw: any claim takes over an abandoned in-progress record, whatever its fingerprint, so another
 * request under the same key is answered with what the abandoned one started.
 */
export function idempotencyStoreTakingOverForAnyRequest(clock: Clock): IdempotencyStore {
  const inner = inMemoryIdempotencyStore({ clock })
  return {
    async claim(record) {
      const result = await inner.claim(record)
      if (result.claimed) return result
      const { existing } = result
      if (existing.state !== 'in_progress' || Date.parse(existing.lockedUntil) > clock.now().getTime()) {
        return result
      }
      await inner.release(existing)
      return inner.claim(record)
    },
    complete: (claim, response) => inner.complete(claim, response),
    release: (claim) => inner.release(claim),
    purgeExpired: (options) => inner.purgeExpired(options),
  }
}

/** Flaw: `claim` checks for a record, then writes after a delay (check-then-act race). */
export function idempotencyStoreWithRacyClaim(clock: Clock): IdempotencyStore {
  const records = new Map<string, IdempotencyRecord>()
  const id = (userId: string, key: string) => `${userId}\u0000${key}`
  const live = (r: IdempotencyRecord | undefined, now: number) =>
    r && Date.parse(r.expiresAt) > now && (r.state === 'done' || Date.parse(r.lockedUntil) > now)
      ? r
      : undefined
  return {
    async claim(record) {
      const existing = live(records.get(id(record.userId, record.key)), clock.now().getTime())
      if (existing) return { claimed: false, existing: structuredClone(existing) }
      await latency()
      records.set(id(record.userId, record.key), structuredClone(record))
      return { claimed: true }
    },
    async complete(claim, response) {
      const record = records.get(id(claim.userId, claim.key))
      if (record?.claimId !== claim.claimId) return false
      Object.assign(record, { state: 'done', response: structuredClone(response) })
      return true
    },
    async release(claim) {
      const record = records.get(id(claim.userId, claim.key))
      if (record?.state === 'in_progress' && record.claimId === claim.claimId) {
        records.delete(id(claim.userId, claim.key))
      }
    },
    async purgeExpired({ limit }) {
      const now = clock.now().getTime()
      const expired = [...records].filter(([, r]) => Date.parse(r.expiresAt) <= now).slice(0, limit)
      for (const [k] of expired) records.delete(k)
      return expired.length
    },
  }
}
