import type { Actor } from './actor.js'
import type { Address } from './address.js'
import { OrderServiceError } from './errors.js'
import { isoTime } from './iso-time.js'
import { assertQuantity, LIMITS } from './limits.js'
import { assertSameCurrency, type Money } from './money.js'
import type { OrderLine } from './order.js'
import { plainCopy } from './plain-copy.js'
import type { Product } from './product.js'

export interface CartLine {
  productId: string
  name: string
  quantity: number
  /** The price the user saw when the line was created or last changed. */
  unitPrice: Money
}

/** What step 1 of the checkout protocol freezes: the order to insert. */
export interface CheckoutDraft {
  orderId: string
  lines: OrderLine[]
  total: Money
  shippingAddress?: Address
  createdAt: string
  /** Who checked out, for the order's first status entry (absent on older marks: the cart's owner). */
  actor?: Actor
  /** The checkout request's id, sent with the order's events whoever completes it (absent: no id, or an older mark). */
  requestId?: string
}

/** The checkout mark (DESIGN §4): while set, other cart writes answer CHECKOUT_IN_PROGRESS. */
export interface CheckoutMark {
  key: string
  draft: CheckoutDraft
  startedAt: string
}

export interface CartPrimitives {
  userId: string
  lines: CartLine[]
  /** 0 for a cart never saved; only increases. */
  version: number
  updatedAt: string
  checkout: CheckoutMark | null
}

export class Cart {
  private constructor(private state: CartPrimitives) {}

  static empty(userId: string, now: Date): Cart {
    return new Cart({ userId, lines: [], version: 0, updatedAt: isoTime(now), checkout: null })
  }

  static fromPrimitives(state: CartPrimitives): Cart {
    return new Cart(plainCopy(state))
  }

  get userId(): string {
    return this.state.userId
  }
  get version(): number {
    return this.state.version
  }
  get lines(): readonly CartLine[] {
    return this.state.lines
  }
  get checkout(): CheckoutMark | null {
    return this.state.checkout
  }
  get updatedAt(): string {
    return this.state.updatedAt
  }

  /** Adds to a line (creating it if absent) and refreshes its unit price and name. */
  addLine(product: Product, quantity: number, now: Date): void {
    this.assertNotCheckingOut()
    assertQuantity(quantity, 'quantity')
    const existing = this.state.lines.find((l) => l.productId === product.productId)
    this.assertCurrency(product, existing)
    if (existing) {
      const merged = existing.quantity + quantity
      if (merged > LIMITS.maxQuantity) {
        throw new OrderServiceError(
          'CART_LIMIT_EXCEEDED',
          `quantity of ${product.productId} would be ${merged}; at most ${LIMITS.maxQuantity} per line`,
          { details: { productId: product.productId, limit: LIMITS.maxQuantity } },
        )
      }
      existing.quantity = merged
      existing.unitPrice = product.price
      existing.name = product.name
    } else {
      if (this.state.lines.length >= LIMITS.maxCartLines) {
        throw new OrderServiceError('CART_LIMIT_EXCEEDED', `at most ${LIMITS.maxCartLines} lines per cart`, {
          details: { limit: LIMITS.maxCartLines },
        })
      }
      this.state.lines.push({
        productId: product.productId,
        name: product.name,
        quantity,
        unitPrice: product.price,
      })
    }
    this.touch(now)
  }

  /** Sets a line's quantity and refreshes its price; 0 removes the line. */
  setQuantity(productId: string, quantity: number, product: Product | null, now: Date): void {
    this.assertNotCheckingOut()
    assertQuantity(quantity, 'quantity', 0)
    if (quantity === 0) {
      this.removeLine(productId, now)
      return
    }
    const line = this.findLine(productId)
    if (product) {
      this.assertCurrency(product, line)
      line.unitPrice = product.price
      line.name = product.name
    }
    line.quantity = quantity
    this.touch(now)
  }

  removeLine(productId: string, now: Date): void {
    this.assertNotCheckingOut()
    this.findLine(productId)
    this.state.lines = this.state.lines.filter((l) => l.productId !== productId)
    this.touch(now)
  }

  clear(now: Date): void {
    this.assertNotCheckingOut()
    this.state.lines = []
    this.touch(now)
  }

  /** Step 1 of the checkout protocol. */
  markCheckout(mark: CheckoutMark, now: Date): void {
    this.assertNotCheckingOut()
    if (this.state.lines.length === 0) throw new OrderServiceError('CART_EMPTY', 'the cart is empty')
    this.state.checkout = mark
    this.touch(now)
  }

  /** Step 3 of the checkout protocol: empty the cart and drop the mark. */
  completeCheckout(now: Date): void {
    this.state.lines = []
    this.state.checkout = null
    this.touch(now)
  }

  isCheckoutStale(now: Date, leaseMs: number): boolean {
    const mark = this.state.checkout
    return mark !== null && now.getTime() - Date.parse(mark.startedAt) >= leaseMs
  }

  toPrimitives(): CartPrimitives {
    return plainCopy(this.state)
  }

  /**
   * The state itself, not a copy, for a repository's `save` (which copies or serializes it and keeps
   * no reference): one copy less on every cart write. Not to be kept or changed.
   */
  snapshot(): Readonly<CartPrimitives> {
    return this.state
  }

  private findLine(productId: string): CartLine {
    const line = this.state.lines.find((l) => l.productId === productId)
    if (!line) throw new OrderServiceError('NOT_FOUND', `no line for product ${productId} in the cart`)
    return line
  }

  private assertCurrency(product: Product, except?: CartLine): void {
    const other = this.state.lines.find((l) => l !== except)
    if (other) assertSameCurrency(other.unitPrice.currency, product.price.currency)
  }

  /** CHECKOUT_IN_PROGRESS while the cart holds a checkout mark (DESIGN §4). */
  assertNotCheckingOut(): void {
    if (this.state.checkout) {
      throw new OrderServiceError('CHECKOUT_IN_PROGRESS', 'a checkout of this cart is in progress', {
        details: { startedAt: this.state.checkout.startedAt },
      })
    }
  }

  private touch(now: Date): void {
    this.state.version += 1
    this.state.updatedAt = isoTime(now)
  }
}
