import { OrderServiceError, validationFailed } from './errors.js'

/** An amount in integer minor units (cents) of one ISO-4217 currency. No floats anywhere. */
export interface Money {
  readonly amount: number
  readonly currency: string
}

const CURRENCY = /^[A-Z]{3}$/

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw validationFailed([{ path: 'amount', message: 'must be an integer' }])
  if (!CURRENCY.test(currency)) throw validationFailed([{ path: 'currency', message: 'must be ISO-4217' }])
  return { amount, currency }
}

export function isValidMoney(value: Money): boolean {
  return Number.isSafeInteger(value.amount) && value.amount >= 0 && CURRENCY.test(value.currency)
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency
}

export function assertSameCurrency(a: string, b: string): void {
  if (a !== b) {
    throw new OrderServiceError('CURRENCY_MISMATCH', `cannot mix ${a} and ${b} in one cart or order`, {
      details: { currencies: [a, b] },
    })
  }
}

export function multiply(price: Money, quantity: number): Money {
  return money(price.amount * quantity, price.currency)
}

/** Sums amounts of one currency; null for an empty list. */
export function sum(amounts: readonly Money[]): Money | null {
  const [first, ...rest] = amounts
  if (!first) return null
  let total = first.amount
  for (const m of rest) {
    assertSameCurrency(first.currency, m.currency)
    total += m.amount
  }
  return money(total, first.currency)
}
