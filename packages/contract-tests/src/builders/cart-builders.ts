import type { CartLine, CartPrimitives, CheckoutMark } from '@orders/core'
import { anOrderLine } from './order-builders.js'
import { uniqueId } from './unique-id.js'

export function aCartLine(overrides: Partial<CartLine> = {}): CartLine {
  return {
    productId: uniqueId('product'),
    name: 'Espresso beans 1 kg',
    quantity: 1,
    unitPrice: { amount: 1999, currency: 'EUR' },
    ...overrides,
  }
}

/**
 * A saved cart (version 1) of a unique user with one line and no checkout mark.
 * @example
 * const cart = aCart({ version: 3, checkout: aCheckoutMark({ startedAt }) })
 */
export function aCart(overrides: Partial<CartPrimitives> = {}): CartPrimitives {
  return {
    userId: uniqueId('user'),
    lines: [aCartLine()],
    version: 1,
    updatedAt: new Date().toISOString(),
    checkout: null,
    ...overrides,
  }
}

/** A checkout mark (step 1 of the checkout protocol) with a one-line draft. */
export function aCheckoutMark(overrides: Partial<CheckoutMark> = {}): CheckoutMark {
  const startedAt = overrides.startedAt ?? new Date().toISOString()
  const line = anOrderLine()
  return {
    key: `checkout:${uniqueId('user')}:1`,
    draft: {
      orderId: uniqueId('order'),
      lines: [line],
      total: line.lineTotal,
      createdAt: startedAt,
      actor: { userId: 'root', role: 'admin' },
      requestId: uniqueId('request'),
    },
    startedAt,
    ...overrides,
  }
}
