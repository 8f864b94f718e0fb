import type { Actor } from '../domain/actor.js'
import { dependencyUnavailable, OrderServiceError, validationFailed } from '../domain/errors.js'
import type { ProductEventType } from '../domain/events.js'
import { assertId } from '../domain/limits.js'
import { isValidMoney } from '../domain/money.js'
import {
  type ProductData,
  type ProductState,
  productFromData,
  productView,
  tombstone,
} from '../domain/product.js'
import { assertPrivileged } from './access.js'
import type { ServiceContext } from './context.js'
import type { ProductLookup } from './product-lookup.js'

export interface ProductApplyResult {
  applied: boolean
  /** What the service holds now: a live product or a tombstone. */
  current: ProductState
}

export type ProductEventData = ProductData | { productId: string; version: number }

/** Maps a validated product event to the state it sets. */
export function productStateFromEvent(type: ProductEventType, data: ProductEventData): ProductState {
  if (type === 'product.deleted') return tombstone(data.productId, data.version)
  return productFromData(data as ProductData)
}

export function assertProductData(data: ProductData): void {
  assertId(data.productId, 'productId')
  const errors = []
  if (!Number.isSafeInteger(data.version) || data.version < 0)
    errors.push({ path: 'version', message: 'must be a non-negative integer' })
  if (!isValidMoney(data.price))
    errors.push({ path: 'price', message: 'must be a non-negative integer amount and an ISO-4217 currency' })
  if (typeof data.name !== 'string' || data.name.length === 0 || data.name.length > 200)
    errors.push({ path: 'name', message: 'must be 1-200 characters' })
  if (data.stock !== undefined && (!Number.isSafeInteger(data.stock) || data.stock < 0))
    errors.push({ path: 'stock', message: 'must be a non-negative integer' })
  if (errors.length > 0) throw validationFailed(errors)
}

/** Product sync: version-guarded upserts and deletions, from events or the admin API. */
export class ProductSync {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly lookup: ProductLookup,
  ) {}

  /**
   * Applies a state (from a product event). Older or repeated versions change nothing in the replica but
   * still refresh the cache. Fails (DEPENDENCY_UNAVAILABLE) when the cache could not be written, once the
   * replica is: the event is retried rather than acknowledged while the cache may still hold the replaced
   * version (docs/decisions.md, "A product change must reach the cache").
   */
  async apply(state: ProductState): Promise<ProductApplyResult> {
    const { applied, current, cacheError } = await this.lookup.store(state)
    this.ctx.telemetry.count(applied ? 'product_update_applied' : 'product_update_ignored')
    if (cacheError !== undefined) throw dependencyUnavailable('product-cache', cacheError)
    return { applied, current }
  }

  /** PUT /products/{id}: admin or service only. */
  async put(input: { actor: Actor; product: ProductData }): Promise<ProductApplyResult> {
    assertPrivileged(input.actor, 'change products')
    assertProductData(input.product)
    return this.apply(productFromData(input.product))
  }

  /** DELETE /products/{id}?version=N: leaves a tombstone. */
  async remove(input: { actor: Actor; productId: string; version: number }): Promise<ProductApplyResult> {
    assertPrivileged(input.actor, 'delete products')
    assertId(input.productId, 'productId')
    if (!Number.isSafeInteger(input.version) || input.version < 0) {
      throw validationFailed([{ path: 'version', message: 'must be a non-negative integer' }])
    }
    return this.apply(tombstone(input.productId, input.version))
  }

  /** The current copy of a live product; deleted or unknown is NOT_FOUND. */
  async get(productId: string): Promise<ProductData> {
    assertId(productId, 'productId')
    const state = await this.lookup.get(productId)
    if (!state || state.deleted) throw new OrderServiceError('NOT_FOUND', `product ${productId} not found`)
    return productView(state)
  }
}
