import type { ProductSourceResult } from '@orders/core'
import type { ReadResult } from './message-contract.js'

/**
 * A reply must account for every requested id (as a product or as missing): otherwise an id it forgot would
 * wrongly read as PRODUCT_NOT_FOUND. Products that were not asked for are dropped.
 */
export function checkReplyCoversRequest(
  requested: readonly string[],
  reply: ProductSourceResult,
): ReadResult<ProductSourceResult> {
  const wanted = new Set(requested)
  const products = reply.products.filter((p) => wanted.has(p.productId))
  const missing = reply.missing.filter((id) => wanted.has(id))
  const answered = new Set([...products.map((p) => p.productId), ...missing])
  const forgotten = requested.filter((id) => !answered.has(id))
  if (forgotten.length > 0) return { ok: false, reason: `no answer for ${forgotten.slice(0, 5).join(', ')}` }
  return { ok: true, value: { products, missing } }
}
