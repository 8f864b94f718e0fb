import type { ClaimedOutbox, OrderRepository } from '@orders/core'

const CLAIM_PAGE = 100

/**
 * Claims everything due (the store may be shared with other tests) and returns only the claims of
 * `orderIds`, in claim order. Stops after a short page, so a store that never leases cannot loop forever.
 */
export async function claimsOf(
  repository: OrderRepository,
  orderIds: readonly string[],
  options: { owner?: string; leaseMs?: number } = {},
): Promise<ClaimedOutbox[]> {
  const wanted = new Set(orderIds)
  const found: ClaimedOutbox[] = []
  for (let page = 0; page < 10; page += 1) {
    const claimed = await repository.claimOutbox({
      owner: options.owner ?? 'contract',
      limit: CLAIM_PAGE,
      leaseMs: options.leaseMs ?? 30_000,
    })
    found.push(...claimed.filter((c) => wanted.has(c.orderId)))
    if (claimed.length < CLAIM_PAGE) break
  }
  return found
}

/** The ids of the events claimed for each order: `{ [orderId]: eventIds }`. */
export function eventIdsByOrder(claims: readonly ClaimedOutbox[]): Record<string, string[]> {
  return Object.fromEntries(claims.map((c) => [c.orderId, c.events.map((e) => e.id)]))
}
