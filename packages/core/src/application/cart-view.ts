import type { CartLine, CartPrimitives } from '../domain/cart.js'
import { type Money, multiply, sameMoney } from '../domain/money.js'
import type { LookupResult } from './product-lookup.js'

export interface CartLineView {
  productId: string
  name: string
  quantity: number
  unitPrice: Money
  /** Null when the product was deleted or is unknown. */
  currentPrice: Money | null
  available: boolean
  priceChanged: boolean
  /** At `currentPrice`; zero for unavailable lines. */
  lineTotal: Money
}

export interface CartView {
  userId: string
  lines: CartLineView[]
  /** Sum of available lines at current prices; null for an empty cart. */
  total: Money | null
  version: number
  updatedAt: string
}

/**
 * Joins the cart with current product data (DESIGN §3: flags, current prices, totals). The view shares
 * no object with the cart or the products (prices are copied), so it may be built from an aggregate's
 * own state without copying that first.
 */
export function cartView(
  cart: Pick<CartPrimitives, 'userId' | 'version' | 'updatedAt'> & { lines: readonly CartLine[] },
  products: LookupResult,
): CartView {
  const currency = cart.lines[0]?.unitPrice.currency
  const lines = cart.lines.map((line): CartLineView => {
    const state = products.get(line.productId)
    const product = state && !state.deleted ? state : null
    const currentPrice = product ? copyMoney(product.price) : null
    const available = !!product && product.available && product.price.currency === currency
    return {
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
      unitPrice: copyMoney(line.unitPrice),
      currentPrice,
      available,
      priceChanged: currentPrice !== null && !sameMoney(currentPrice, line.unitPrice),
      lineTotal:
        available && currentPrice
          ? multiply(currentPrice, line.quantity)
          : { amount: 0, currency: line.unitPrice.currency },
    }
  })
  const total =
    currency === undefined
      ? null
      : { amount: lines.reduce((acc, l) => acc + (l.available ? l.lineTotal.amount : 0), 0), currency }
  return { userId: cart.userId, lines, total, version: cart.version, updatedAt: cart.updatedAt }
}

function copyMoney(money: Money): Money {
  return { amount: money.amount, currency: money.currency }
}
