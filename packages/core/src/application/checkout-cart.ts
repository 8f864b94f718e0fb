import type { Actor } from '../domain/actor.js'
import type { Address } from '../domain/address.js'
import { Cart, type CheckoutMark } from '../domain/cart.js'
import { isOrderServiceError, notFound, OrderServiceError } from '../domain/errors.js'
import { assertId } from '../domain/limits.js'
import { Order, type OrderView, orderViewOf } from '../domain/order.js'
import type { TransactionalRepositories } from '../ports/unit-of-work.port.js'
import { assertCanSee } from './access.js'
import { draftCheckout } from './checkout-draft.js'
import type { ServiceContext } from './context.js'
import { idempotentDedupeKey } from './dedupe-keys.js'
import { toOutboxEvents } from './outbox-events.js'
import type { ProductLookup } from './product-lookup.js'
import { LOST_RACE, withWriteRetries } from './write-retries.js'

export interface CheckoutInput {
  actor: Actor
  userId: string
  shippingAddress?: Address
  acceptPriceChanges?: boolean
  /** When given, the order's dedupe key is derived from it (see `idempotentDedupeKey`), closing the crash window. */
  idempotencyKey?: string
  requestId?: string
}

export interface CheckoutResult {
  order: OrderView
  /** false when this call found the order already created (a retry or a concurrent checkout). */
  created: boolean
}

/**
 * Checkout (DESIGN §4): 1. mark the cart with a priced draft (conditional on its version);
 * 2. insert the order from the draft, idempotent on the dedupe key; 3. clear lines and mark.
 * Any caller that finds a mark resumes at step 2, so concurrent or retried checkouts make one order.
 */
export class CheckoutCart {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly lookup: ProductLookup,
  ) {}

  async execute(input: CheckoutInput): Promise<CheckoutResult> {
    assertId(input.userId, 'userId')
    assertCanSee(input.actor, input.userId, 'cart')
    if (input.idempotencyKey !== undefined) {
      const found = await this.findIdempotent(input, input.idempotencyKey)
      if (found) return found
    }
    return withWriteRetries(this.ctx, undefined, async () => {
      const stored = await this.ctx.carts.get(input.userId)
      const cart = stored ? Cart.fromPrimitives(stored) : Cart.empty(input.userId, this.ctx.clock.now())
      if (cart.checkout) {
        // The order of a checkout completed now but deleted since is gone, as for a retried key.
        const { result, deleted } = await this.complete(cart, input.requestId)
        if (deleted) throw notFound('order')
        return result
      }
      if (cart.lines.length === 0) throw new OrderServiceError('CART_EMPTY', 'the cart is empty')
      const mark = await draftCheckout(this.ctx, this.lookup, cart, input)
      return this.runSteps(cart, mark, input.requestId)
    })
  }

  /**
   * A checkout retried with its Idempotency-Key: the order it made, 404 if that order was deleted since.
   * A mark of that checkout still on the cart (a crash before step 3) is completed first.
   */
  private async findIdempotent(input: CheckoutInput, key: string): Promise<CheckoutResult | null> {
    const dedupeKey = idempotentDedupeKey({
      operation: 'checkout',
      actorUserId: input.actor.userId,
      userId: input.userId,
      key,
    })
    const existing = await this.ctx.orders.findByDedupeKey(dedupeKey)
    if (!existing) return null
    const stored = await this.ctx.carts.get(input.userId)
    if (stored?.checkout?.key === dedupeKey) await this.resume(Cart.fromPrimitives(stored), input.requestId)
    if (existing.deletedAt) throw notFound('order')
    return { order: orderViewOf(existing), created: false }
  }

  /**
   * Completes the checkout that made `order` if its mark is still on the cart (a crash before step 3).
   * Called before the order is deleted: otherwise the purge could remove the order while the mark is
   * left behind, and the next resume would make the order again. (A resume that read the mark before
   * this completed it still finds the order: the purge waits a checkout lease after the delete.)
   */
  async completeCheckoutOf(order: { userId: string; dedupeKey: string }, requestId?: string): Promise<void> {
    const stored = await this.ctx.carts.get(order.userId)
    if (stored?.checkout?.key === order.dedupeKey) await this.resume(Cart.fromPrimitives(stored), requestId)
  }

  /** Completes a marked cart: steps 2 and 3. Safe to call any number of times, concurrently. */
  async resume(cart: Cart, requestId?: string): Promise<CheckoutResult> {
    return (await this.complete(cart, requestId)).result
  }

  /** `resume`, also telling whether the order was found deleted (a late resume after a delete). */
  private async complete(
    cart: Cart,
    requestId?: string,
  ): Promise<{ result: CheckoutResult; deleted: boolean }> {
    const mark = cart.checkout
    if (!mark) throw new Error('[orders] resume() needs a marked cart')
    const inserted = await this.insertOrder(this.ctx, cart.userId, mark, requestId)
    await this.clearMark(cart, mark)
    return inserted
  }

  private async runSteps(
    cart: Cart,
    mark: CheckoutMark,
    requestId: string | undefined,
  ): Promise<CheckoutResult | typeof LOST_RACE> {
    const uow = this.ctx.unitOfWork
    if (uow?.transactional) {
      // The driver re-runs this work after a transient transaction error: each run starts from the cart
      // as it was read, never from a previous run's in-memory changes.
      const base = cart.toPrimitives()
      return uow.run(async (repos) => {
        const attempt = Cart.fromPrimitives(base)
        const marked = await this.markCart(repos, attempt, mark)
        if (!marked) return LOST_RACE
        const { result } = await this.insertOrder(repos, attempt.userId, mark, requestId)
        attempt.completeCheckout(this.ctx.clock.now())
        const cleared = await repos.carts.save(attempt.toPrimitives(), {
          expectedVersion: attempt.version - 1,
        })
        if (!cleared) return LOST_RACE
        return result
      })
    }
    if (!(await this.markCart(this.ctx, cart, mark))) return LOST_RACE
    return this.resume(cart, requestId)
  }

  /** Step 1. */
  private async markCart(
    repos: Pick<TransactionalRepositories, 'carts'>,
    cart: Cart,
    mark: CheckoutMark,
  ): Promise<boolean> {
    const before = cart.version
    cart.markCheckout(mark, this.ctx.clock.now())
    return repos.carts.save(cart.toPrimitives(), { expectedVersion: before })
  }

  /** Step 2: a duplicate dedupe key means the order exists; that one is returned. */
  private async insertOrder(
    repos: Pick<TransactionalRepositories, 'orders'>,
    userId: string,
    mark: CheckoutMark,
    requestId: string | undefined,
  ): Promise<{ result: CheckoutResult; deleted: boolean }> {
    const order = Order.create({
      id: mark.draft.orderId,
      userId,
      lines: mark.draft.lines,
      ...(mark.draft.shippingAddress ? { shippingAddress: mark.draft.shippingAddress } : {}),
      dedupeKey: mark.key,
      now: new Date(mark.draft.createdAt),
      actor: mark.draft.actor ?? { userId, role: 'customer' },
    })
    const view = order.toView()
    // The events are the checkout request's, also when a resume (a retry, a delete, the sweep) completes it.
    const causedBy = mark.draft.requestId ?? requestId
    const events = toOutboxEvents(this.ctx, order.pullEvents(), view, causedBy)
    events.push(...toOutboxEvents(this.ctx, [{ type: 'cart.checked_out', subject: userId }], view, causedBy))
    const { created, order: stored } = await repos.orders.insert(order.toPrimitives(), events)
    return { result: { order: orderViewOf(stored), created }, deleted: stored.deletedAt !== null }
  }

  /**
   * Step 3, until the mark is gone (cleared by us or by a concurrent resumer). A lost race is retried with
   * backoff like any cart write, so a cart held busy (a write lock on FerretDB) is not hammered. The order
   * exists by now: if every attempt loses, the mark is left for the next resume (a cart write after the
   * lease, or the sweep), as after a crash, and the checkout still answers with its order.
   */
  private async clearMark(cart: Cart, mark: CheckoutMark): Promise<void> {
    let current: Cart | null = cart
    try {
      await withWriteRetries(this.ctx, undefined, async () => {
        if (current?.checkout?.key !== mark.key) return undefined
        const before = current.version
        current.completeCheckout(this.ctx.clock.now())
        if (await this.ctx.carts.save(current.toPrimitives(), { expectedVersion: before })) return undefined
        const stored = await this.ctx.carts.get(cart.userId)
        current = stored ? Cart.fromPrimitives(stored) : null
        return current?.checkout?.key === mark.key ? LOST_RACE : undefined
      })
    } catch (error) {
      if (!isOrderServiceError(error, 'CONCURRENT_UPDATE')) throw error
      this.ctx.telemetry.count('checkout_mark_left')
      this.ctx.telemetry.warn(
        `the checkout mark of user ${cart.userId} is left for the sweep: the cart stayed busy`,
      )
    }
  }
}
