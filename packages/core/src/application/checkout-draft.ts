import type { Cart, CheckoutMark } from '../domain/cart.js'
import { OrderServiceError } from '../domain/errors.js'
import { sameMoney } from '../domain/money.js'
import { orderTotal } from '../domain/order.js'
import type { CheckoutInput } from './checkout-cart.js'
import type { ServiceContext } from './context.js'
import { idempotentDedupeKey } from './dedupe-keys.js'
import { priceLines } from './pricing.js'
import type { ProductLookup } from './product-lookup.js'

/**
 * What step 1 of the checkout marks the cart with: the lines priced from current product data, under the
 * checkout's dedupe key. A changed price is 409 PRICE_CHANGED unless the caller accepts price changes;
 * an unavailable or unknown product fails in `priceLines` first.
 */
export async function draftCheckout(
  ctx: ServiceContext,
  lookup: ProductLookup,
  cart: Cart,
  input: CheckoutInput,
): Promise<CheckoutMark> {
  const products = await lookup.getMany(cart.lines.map((l) => l.productId))
  const lines = priceLines(cart.lines, products)
  const changes = cart.lines
    .map((line, i) => ({
      productId: line.productId,
      unitPrice: line.unitPrice,
      currentPrice: lines[i]!.unitPrice,
    }))
    .filter((c) => !sameMoney(c.unitPrice, c.currentPrice))
  if (changes.length > 0 && !input.acceptPriceChanges) {
    throw new OrderServiceError('PRICE_CHANGED', `${changes.length} price(s) changed since they were added`, {
      details: { changes },
    })
  }
  const now = ctx.clock.now().toISOString()
  const key =
    input.idempotencyKey !== undefined
      ? idempotentDedupeKey({
          operation: 'checkout',
          actorUserId: input.actor.userId,
          userId: input.userId,
          key: input.idempotencyKey,
        })
      : `checkout:${input.userId}:${cart.version}`
  const draft = {
    orderId: ctx.ids.next(),
    lines,
    total: orderTotal(lines),
    createdAt: now,
    actor: { userId: input.actor.userId, role: input.actor.role },
    ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
  }
  return {
    key,
    draft: input.shippingAddress ? { ...draft, shippingAddress: input.shippingAddress } : draft,
    startedAt: now,
  }
}
