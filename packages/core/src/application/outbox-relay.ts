import type { ServiceContext } from './context.js'

export interface RelayOptions {
  /** Instance id, for the lease. */
  owner: string
  /** @default 50 */
  limit?: number
  /** @default 30000 */
  leaseMs?: number
}

export interface RelayResult {
  /** Orders claimed. */
  claimed: number
  /** Events confirmed by the broker and marked published. */
  published: number
  /** Orders whose publish failed; their events stay in the outbox and come back after the lease. */
  failed: number
}

/**
 * One pass of the outbox relay: claim due events with a lease, publish them, and only after the
 * publisher confirms mark them published. A crash or failure anywhere leaves them to be retried
 * (at-least-once). The server owns the loop that calls this.
 */
export async function relayOutboxOnce(ctx: ServiceContext, options: RelayOptions): Promise<RelayResult> {
  const publisher = ctx.publisher
  if (!publisher) throw new Error('[orders] relayOutboxOnce needs an event publisher')
  const claims = await ctx.orders.claimOutbox({
    owner: options.owner,
    limit: options.limit ?? 50,
    leaseMs: options.leaseMs ?? 30_000,
  })
  const outcomes = await Promise.all(
    claims.map(async ({ orderId, events }) => {
      try {
        await publisher.publish(events)
      } catch (error) {
        ctx.telemetry.count('outbox_publish_failed')
        ctx.telemetry.warn(`[orders] publishing the outbox of order ${orderId} failed; will retry`, error)
        return 0
      }
      await ctx.orders.markPublished(
        orderId,
        events.map((e) => e.id),
        options.owner,
      )
      return events.length
    }),
  )
  const published = outcomes.reduce((a, b) => a + b, 0)
  ctx.telemetry.count('outbox_published', published)
  return { claimed: claims.length, published, failed: outcomes.filter((n) => n === 0).length }
}
