import { CartUseCases } from './carts.js'
import { CheckoutCart } from './checkout-cart.js'
import { createContext, type OrderServiceAdapters, type OrderServiceOptions } from './context.js'
import { IdempotentRequests } from './idempotency.js'
import { purgeOnce, sweepStaleCheckoutsOnce } from './maintenance.js'
import { OrderUseCases } from './orders.js'
import { type RelayOptions, relayOutboxOnce } from './outbox-relay.js'
import { ProductLookup } from './product-lookup.js'
import { ProductSync } from './product-sync.js'

export type OrderService = ReturnType<typeof createOrderService>

/**
 * The public entry: every use case wired to the given adapters.
 * @example
 * import { createOrderService } from '@orders/core'
 * import { inMemoryAdapters } from '@orders/core/testing'
 * const service = createOrderService(inMemoryAdapters())
 * await service.carts.addItem({ actor, userId: 'u1', productId: 'p1', quantity: 2 })
 * const { order } = await service.checkout.execute({ actor, userId: 'u1' })
 */
export function createOrderService(adapters: OrderServiceAdapters, options: OrderServiceOptions = {}) {
  const ctx = createContext(adapters, options)
  const lookup = new ProductLookup(ctx)
  const checkout = new CheckoutCart(ctx, lookup)
  return {
    carts: new CartUseCases(ctx, lookup, checkout),
    checkout,
    orders: new OrderUseCases(ctx, lookup, checkout),
    products: new ProductSync(ctx, lookup),
    idempotency: new IdempotentRequests(ctx),
    worker: {
      relayOutboxOnce: (relay: RelayOptions) => relayOutboxOnce(ctx, relay),
      sweepStaleCheckoutsOnce: (sweep: { limit?: number } = {}) =>
        sweepStaleCheckoutsOnce(ctx, checkout, sweep),
      purgeOnce: (purge: { limit?: number } = {}) => purgeOnce(ctx, purge),
      outboxBacklog: () => ctx.orders.outboxBacklog(),
    },
    /** The resolved adapters and options, for the composition root. */
    context: ctx,
  }
}
