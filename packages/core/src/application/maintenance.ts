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
  const startedBefore = new Date(ctx.clock.now().getTime() - ctx.options.checkoutLeaseMs).toISOString()
  const carts = await ctx.carts.findStaleCheckouts({ startedBefore, limit: options.limit ?? 100 })
  let completed = 0
  for (const cart of carts) {
    try {
      await checkout.resume(Cart.fromPrimitives(cart))
      completed += 1
    } catch (error) {
      ctx.telemetry.count('checkout_sweep_failed')
      ctx.telemetry.warn(`stale checkout of user ${cart.userId} could not be completed`, error)
    }
  }
  return completed
}

export interface PurgeResult {
  idempotencyRecords: number
  orders: number
}

/** Replaces TTL indexes (FerretDB has none): expired idempotency records, drained deleted orders. */
export async function purgeOnce(ctx: ServiceContext, options: { limit?: number } = {}): Promise<PurgeResult> {
  const limit = options.limit ?? 500
  return {
    idempotencyRecords: await ctx.idempotency.purgeExpired({ limit }),
    orders: await ctx.orders.purgeDeleted({ limit }),
  }
}
