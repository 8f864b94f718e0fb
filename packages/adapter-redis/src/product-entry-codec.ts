import type { ProductState } from '@orders/core'

/**
 * The JSON stored per product: the whole ProductState the core needs (id, version, deleted flag and, for a live
 * product, name, price in minor units with its currency, availability and optional stock).
 */
export function encodeProductEntry(state: ProductState): string {
  if (state.deleted)
    return JSON.stringify({ productId: state.productId, version: state.version, deleted: true })
  const entry: Record<string, unknown> = {
    productId: state.productId,
    version: state.version,
    deleted: false,
    name: state.name,
    price: { amount: state.price.amount, currency: state.price.currency },
    available: state.available,
  }
  if (state.stock !== undefined) entry.stock = state.stock
  return JSON.stringify(entry)
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The state stored for `productId`, or null when the entry is absent or unreadable (written by another format
 * or for another id): an unreadable entry is a miss, and the next set replaces it. The Lua guard's `readable`
 * (set-if-newer-script.ts) applies the same checks: keep the two in step.
 */
export function decodeProductEntry(productId: string, raw: string | null | undefined): ProductState | null {
  if (raw === null || raw === undefined) return null
  let entry: unknown
  try {
    entry = JSON.parse(raw)
  } catch {
    return null
  }
  if (!isObject(entry) || entry.productId !== productId || !Number.isSafeInteger(entry.version)) return null
  const version = entry.version as number
  if (entry.deleted === true) return { productId, version, deleted: true }
  const { name, price, available, stock } = entry
  if (entry.deleted !== false || typeof name !== 'string' || typeof available !== 'boolean') return null
  if (!isObject(price) || !Number.isSafeInteger(price.amount) || typeof price.currency !== 'string')
    return null
  if (stock !== undefined && !Number.isSafeInteger(stock)) return null
  const state: ProductState = {
    productId,
    name,
    price: { amount: price.amount as number, currency: price.currency },
    available,
    version,
    deleted: false,
  }
  if (stock !== undefined) state.stock = stock as number
  return state
}
