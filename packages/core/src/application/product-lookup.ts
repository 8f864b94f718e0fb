import { type ProductState, productFromData } from '../domain/product.js'
import type { ServiceContext } from './context.js'
import { asDependencyError } from './dependency-errors.js'

/** null = unknown to every source (PRODUCT_NOT_FOUND). */
export type LookupResult = Map<string, ProductState | null>

/**
 * Product data lookup (DESIGN §7): cache -> durable replica -> remote source.
 * Cache errors are skipped (counted, logged); replica and source errors are DEPENDENCY_UNAVAILABLE.
 * Concurrent misses for one product in this process make one lookup (replica read and remote fetch).
 */
export class ProductLookup {
  private readonly inFlight = new Map<string, Promise<ProductState | null>>()

  constructor(private readonly ctx: ServiceContext) {}

  async getMany(productIds: readonly string[]): Promise<LookupResult> {
    const ids = [...new Set(productIds)]
    const result: LookupResult = new Map()
    for (const state of await this.fromCache(ids)) result.set(state.productId, state)
    return this.fromStores(ids, result)
  }

  /** The ids not in `result` yet, from the replica, then the remote source (added to `result`). */
  private async fromStores(ids: readonly string[], result: LookupResult = new Map()): Promise<LookupResult> {
    const cacheMisses = ids.filter((id) => !result.has(id))
    if (cacheMisses.length > 0) {
      const states = await this.singleFlight(cacheMisses)
      for (const [i, id] of cacheMisses.entries()) result.set(id, states[i] ?? null)
    }
    return result
  }

  /**
   * Single flight per product id over the whole miss path (replica, then source): ids already being looked up
   * join that lookup. Covering the replica read too matters: a miss whose replica read overlaps another
   * lookup's store would otherwise find nothing in flight any more and ask the source a second time.
   */
  private singleFlight(ids: string[]): Promise<(ProductState | null)[]> {
    const toLoad = ids.filter((id) => !this.inFlight.has(id))
    if (toLoad.length > 0) {
      const batch = this.fromReplicaThenSource(toLoad)
      toLoad.forEach((id, i) => {
        const one = batch.then((states) => states[i] ?? null)
        this.inFlight.set(id, one)
        const forget = () => this.inFlight.delete(id)
        one.then(forget, forget)
      })
    }
    return Promise.all(ids.map((id) => this.inFlight.get(id)!))
  }

  private async fromReplicaThenSource(ids: string[]): Promise<(ProductState | null)[]> {
    const fromReplica = await this.fromReplica(ids)
    await Promise.all(fromReplica.map((state) => this.cacheWrite(state)))
    const found = new Map<string, ProductState | null>(fromReplica.map((state) => [state.productId, state]))
    const unknown = ids.filter((id) => !found.has(id))
    if (unknown.length > 0) {
      const fetched = await this.fetchAndStore(unknown)
      for (const [i, id] of unknown.entries()) found.set(id, fetched[i] ?? null)
    }
    return ids.map((id) => found.get(id) ?? null)
  }

  /** One product: a cache hit is answered without the batch bookkeeping of `getMany` (cart writes). */
  async get(productId: string): Promise<ProductState | null> {
    const cache = this.ctx.productCache
    if (cache) {
      try {
        const hit = await cache.get(productId)
        this.ctx.telemetry.count(hit ? 'product_cache_hit' : 'product_cache_miss')
        if (hit) return hit
      } catch (error) {
        this.cacheReadFailed(error)
      }
    }
    return (await this.fromStores([productId])).get(productId) ?? null
  }

  private async fromCache(ids: string[]): Promise<ProductState[]> {
    const cache = this.ctx.productCache
    if (!cache) return []
    try {
      const hits = await cache.getMany(ids)
      this.ctx.telemetry.count('product_cache_hit', hits.length)
      this.ctx.telemetry.count('product_cache_miss', ids.length - hits.length)
      return hits
    } catch (error) {
      this.cacheReadFailed(error)
      return []
    }
  }

  private cacheReadFailed(error: unknown): void {
    this.ctx.telemetry.count('product_cache_error')
    this.ctx.telemetry.warn('[orders] product cache read failed; reading the replica', error)
  }

  private async fromReplica(ids: string[]): Promise<ProductState[]> {
    try {
      return await this.ctx.products.getMany(ids)
    } catch (error) {
      throw asDependencyError('product-replica', error)
    }
  }

  private async fetchAndStore(ids: string[]): Promise<(ProductState | null)[]> {
    const source = this.ctx.productSource
    if (!source) return ids.map(() => null)
    let fetched: Awaited<ReturnType<typeof source.fetch>>
    try {
      fetched = await source.fetch(ids)
    } catch (error) {
      throw asDependencyError('product-source', error)
    }
    this.ctx.telemetry.count('product_source_fetch')
    const stored = await Promise.all(fetched.products.map((data) => this.store(productFromData(data))))
    const byId = new Map(stored.map(({ current }) => [current.productId, current]))
    return ids.map((id) => byId.get(id) ?? null)
  }

  /**
   * Writes to the replica (version-guarded), then caches what the replica holds. A failed cache write
   * is logged and counted, and returned as `cacheError`: a lookup's write-back ignores it (what it caches
   * is no newer than the replica); a product change fails on it (see `ProductSync.apply`).
   */
  async store(
    state: ProductState,
  ): Promise<{ applied: boolean; current: ProductState; cacheError?: unknown }> {
    let result: { applied: boolean; current: ProductState }
    try {
      result = await this.ctx.products.upsert(state)
    } catch (error) {
      throw asDependencyError('product-replica', error)
    }
    const cacheError = await this.cacheWrite(result.current)
    return cacheError === undefined ? result : { ...result, cacheError }
  }

  /** The error of a failed cache write (logged and counted), else undefined. */
  private async cacheWrite(state: ProductState): Promise<unknown> {
    const cache = this.ctx.productCache
    if (!cache) return undefined
    try {
      await cache.set(state)
      return undefined
    } catch (error) {
      this.ctx.telemetry.count('product_cache_error')
      this.ctx.telemetry.warn('[orders] product cache write failed', error)
      return error ?? new Error('[orders] product cache write failed')
    }
  }
}
