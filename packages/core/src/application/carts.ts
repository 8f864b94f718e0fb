import type { Actor } from '../domain/actor.js'
import { Cart } from '../domain/cart.js'
import { OrderServiceError } from '../domain/errors.js'
import { assertId } from '../domain/limits.js'
import type { Product } from '../domain/product.js'
import { assertCanSee } from './access.js'
import { type CartView, cartView } from './cart-view.js'
import type { CheckoutCart } from './checkout-cart.js'
import type { ServiceContext } from './context.js'
import { asDependencyError } from './dependency-errors.js'
import type { LookupResult, ProductLookup } from './product-lookup.js'
import { assertExpectedVersion, LOST_RACE, withWriteRetries } from './write-retries.js'

export interface CartTarget {
  actor: Actor
  userId: string
  /** The version from If-Match: a stale one answers VERSION_CONFLICT instead of retrying. */
  expectedVersion?: number
}

/** Cart use cases: read, add, set quantity, remove, clear. Every write is version-conditional. */
export class CartUseCases {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly lookup: ProductLookup,
    private readonly checkout: CheckoutCart,
  ) {}

  async get(input: { actor: Actor; userId: string }): Promise<CartView> {
    this.authorize(input)
    let cart = await this.load(input.userId)
    if (cart.checkout && cart.isCheckoutStale(this.ctx.clock.now(), this.ctx.options.checkoutLeaseMs)) {
      await this.checkout.resume(cart)
      cart = await this.load(input.userId)
    }
    return this.view(cart)
  }

  async addItem(input: CartTarget & { productId: string; quantity: number }): Promise<CartView> {
    this.authorize(input)
    assertId(input.productId, 'productId')
    return this.write(
      input,
      (cart, now, product) => cart.addLine(product!, input.quantity, now),
      input.productId,
    )
  }

  async setQuantity(input: CartTarget & { productId: string; quantity: number }): Promise<CartView> {
    this.authorize(input)
    assertId(input.productId, 'productId')
    return this.write(
      input,
      (cart, now, product) => cart.setQuantity(input.productId, input.quantity, product ?? null, now),
      input.quantity > 0 ? input.productId : undefined,
    )
  }

  async removeItem(input: CartTarget & { productId: string }): Promise<CartView> {
    this.authorize(input)
    assertId(input.productId, 'productId')
    return this.write(input, (cart, now) => cart.removeLine(input.productId, now))
  }

  async clear(input: CartTarget): Promise<CartView> {
    this.authorize(input)
    return this.write(input, (cart, now) => cart.clear(now))
  }

  private authorize(input: { actor: Actor; userId: string }): void {
    assertId(input.userId, 'userId')
    assertCanSee(input.actor, input.userId, 'cart')
  }

  /**
   * `productId`: a live product the change needs, looked up once the cart is known to be writable (412 and
   * 409 CHECKOUT_IN_PROGRESS come before its 422 or 503), once per request; the view reuses it.
   */
  private async write(
    target: CartTarget,
    change: (cart: Cart, now: Date, product?: Product) => void,
    productId?: string,
  ): Promise<CartView> {
    let lookup: Promise<Product> | undefined
    let known: Product | undefined
    const saved = await withWriteRetries(this.ctx, target.expectedVersion, async () => {
      const cart = await this.loadResolvingStaleCheckout(target.userId)
      assertExpectedVersion(cart.version, target.expectedVersion)
      if (productId !== undefined) {
        cart.assertNotCheckingOut()
        lookup ??= this.liveProduct(productId)
        known = await lookup
      }
      const before = cart.version
      change(cart, this.ctx.clock.now(), known)
      const ok = await this.save(cart, before)
      return ok ? cart : LOST_RACE
    })
    return this.view(saved, known)
  }

  /** A mark older than the lease is completed by whoever touches the cart next (DESIGN §4). */
  private async loadResolvingStaleCheckout(userId: string): Promise<Cart> {
    const cart = await this.load(userId)
    if (cart.checkout && cart.isCheckoutStale(this.ctx.clock.now(), this.ctx.options.checkoutLeaseMs)) {
      await this.checkout.resume(cart)
      return this.load(userId)
    }
    return cart
  }

  private async liveProduct(productId: string): Promise<Product> {
    const state = await this.lookup.get(productId)
    if (!state || state.deleted) {
      throw new OrderServiceError('PRODUCT_NOT_FOUND', `product ${productId} not found`, {
        details: { productIds: [productId] },
      })
    }
    if (!state.available) {
      throw new OrderServiceError('PRODUCT_UNAVAILABLE', `product ${productId} is unavailable`, {
        details: { productIds: [productId] },
      })
    }
    return state
  }

  private async load(userId: string): Promise<Cart> {
    try {
      const stored = await this.ctx.carts.get(userId)
      return stored ? Cart.fromPrimitives(stored) : Cart.empty(userId, this.ctx.clock.now())
    } catch (error) {
      throw asDependencyError('carts', error)
    }
  }

  private async save(cart: Cart, expectedVersion: number): Promise<boolean> {
    try {
      return await this.ctx.carts.save(cart.snapshot(), { expectedVersion })
    } catch (error) {
      throw asDependencyError('carts', error)
    }
  }

  /** Built from the aggregate's state without a copy: `cartView` copies what it keeps. */
  private async view(cart: Cart, known?: Product): Promise<CartView> {
    const lines = cart.lines
    const ids: string[] = []
    for (const line of lines) if (line.productId !== known?.productId) ids.push(line.productId)
    const products: LookupResult = ids.length > 0 ? await this.lookup.getMany(ids) : new Map()
    if (known) products.set(known.productId, known)
    return cartView(
      { userId: cart.userId, lines, version: cart.version, updatedAt: cart.updatedAt },
      products,
    )
  }
}
