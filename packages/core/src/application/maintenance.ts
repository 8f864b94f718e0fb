import { Cart } from '../domain/cart.js'
import type { CheckoutCart } from './checkout-cart.js'
import type { ServiceContext } from './context.js'

/**
 * Completes checkouts whose mark outlived the lease (a crashed instance). Returns how many were completed;
 * one cart that fails is reported and skipped, so it cannot hold back the others.
 */
export async function sweepStaleCheckoutsOnce(
  ctx: ServiceContext,
  checkout: CheckoutCart,
  options: { limit?: number } = {},
): Promise<number> {
  const startedBefore = leaseAgo(ctx)
  const carts = await ctx.carts.findStaleCheckouts({ startedBefore, limit: options.limit ?? 100 })
  let completed = 0
  for (const found of carts) {
    try {
      // Read again: the list may be old by now, and a mark someone else completed must not be resumed.
      const cart = await ctx.carts.get(found.userId)
      if (!cart?.checkout || cart.checkout.key !== found.checkout?.key) continue
      await checkout.resume(Cart.fromPrimitives(cart))
      completed += 1
    } catch (error) {
      ctx.telemetry.count('checkout_sweep_failed')
      ctx.telemetry.warn(`stale checkout of user ${found.userId} could not be completed`, error)
    }
  }
  return completed
}

export interface PurgeResult {
  idempotencyRecords: number
  orders: number
}

/**
 * Replaces TTL indexes (FerretDB has none): expired idempotency records, and deleted orders whose outbox is
 * drained, once they have been deleted for a checkout lease. Until then a resume that read a cart's
 * checkout mark before the delete completed it still finds the order by its dedupe key instead of making it
 * again.
 */
export async function purgeOnce(ctx: ServiceContext, options: { limit?: number } = {}): Promise<PurgeResult> {
  const limit = options.limit ?? 500
  const deletedBefore = leaseAgo(ctx)
  return {
    idempotencyRecords: await ctx.idempotency.purgeExpired({ limit }),
    orders: await ctx.orders.purgeDeleted({ limit, deletedBefore }),
  }
}

/** The time one checkout lease ago (ISO): marks started before it are stale; deletions before it may be purged. */
function leaseAgo(ctx: ServiceContext): string {
  return new Date(ctx.clock.now().getTime() - ctx.options.checkoutLeaseMs).toISOString()
}
