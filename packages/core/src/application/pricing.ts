import { OrderServiceError } from '../domain/errors.js'
import { type OrderLine, priceLine } from '../domain/order.js'
import type { Product } from '../domain/product.js'
import type { LookupResult } from './product-lookup.js'

export interface RequestedLine {
  productId: string
  quantity: number
}

/**
 * Prices lines with current product data. Unknown or deleted products fail with
 * PRODUCT_NOT_FOUND, else unavailable ones with PRODUCT_UNAVAILABLE; both name every line concerned.
 */
export function priceLines(lines: readonly RequestedLine[], products: LookupResult): OrderLine[] {
  const notFound: string[] = []
  const unavailable: string[] = []
  const live: Product[] = []
  for (const line of lines) {
    const state = products.get(line.productId)
    if (!state || state.deleted) notFound.push(line.productId)
    else if (!state.available) unavailable.push(line.productId)
    else live.push(state)
  }
  if (notFound.length > 0) {
    throw new OrderServiceError('PRODUCT_NOT_FOUND', `unknown products: ${notFound.join(', ')}`, {
      details: { productIds: notFound, unavailable },
    })
  }
  if (unavailable.length > 0) {
    throw new OrderServiceError('PRODUCT_UNAVAILABLE', `unavailable products: ${unavailable.join(', ')}`, {
      details: { productIds: unavailable },
    })
  }
  return lines.map((line, i) => priceLine(live[i]!, line.quantity))
}

/** Merges repeated product ids by adding their quantities, keeping first-seen order. */
export function mergeLines(lines: readonly RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, number>()
  for (const line of lines) merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity)
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }))
}
