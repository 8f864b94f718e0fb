import type { Actor } from '@orders/core'

export interface TokenCacheOptions {
  /** @default 10000 */
  maxEntries?: number
  /** An entry lives until the token's `exp`, but never longer than this (key rotation). @default 300000 */
  maxAgeMs?: number
  /** @default Date.now */
  now?: () => number
}

/**
 * Verified tokens and the actor they carry, so a repeated token skips the signature check.
 * Bounded: when full, the oldest entry goes (a Map keeps insertion order). Only verified tokens are
 * stored, so a client sending garbage cannot fill it with anything but its own valid tokens.
 */
export class TokenCache {
  private readonly entries = new Map<string, { actor: Actor; expiresAt: number }>()
  private readonly maxEntries: number
  private readonly maxAgeMs: number
  private readonly now: () => number

  constructor(options: TokenCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000)
    this.maxAgeMs = options.maxAgeMs ?? 300_000
    this.now = options.now ?? Date.now
  }

  get size(): number {
    return this.entries.size
  }

  get(token: string): Actor | undefined {
    const entry = this.entries.get(token)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(token)
      return undefined
    }
    return entry.actor
  }

  /** @param exp the token's `exp` claim (seconds since the epoch), if any. */
  set(token: string, actor: Actor, exp: number | undefined): void {
    const now = this.now()
    const expiresAt = Math.min(exp === undefined ? Number.POSITIVE_INFINITY : exp * 1000, now + this.maxAgeMs)
    if (expiresAt <= now) return
    if (this.entries.size >= this.maxEntries && !this.entries.has(token)) this.evictOne(now)
    this.entries.set(token, { actor, expiresAt })
  }

  /** Drops an expired entry if the oldest few hold one, else the oldest. */
  private evictOne(now: number): void {
    let checked = 0
    let oldest: string | undefined
    for (const [token, entry] of this.entries) {
      oldest ??= token
      if (entry.expiresAt <= now) {
        this.entries.delete(token)
        return
      }
      if (++checked >= 8) break
    }
    if (oldest !== undefined) this.entries.delete(oldest)
  }
}
