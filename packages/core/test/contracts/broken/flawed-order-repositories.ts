import {
  type Clock,
  isOutboxFull,
  type OrderPrimitives,
  type OrderRepository,
  type OutboxEvent,
} from '../../../src/index.js'
import { type InMemoryOrderRepository, inMemoryOrderRepository } from '../../../src/testing/index.js'
import { latency } from './latency.js'

/** Writes `order` whatever the stored version is (a blind replace), retrying until it lands. */
async function blindUpdate(
  inner: InMemoryOrderRepository,
  order: OrderPrimitives,
  events: readonly OutboxEvent[],
): Promise<boolean> {
  for (;;) {
    const stored = await inner.findById(order.id)
    if (!stored) return false
    if (await inner.update(order, { expectedVersion: stored.version, events })) return true
  }
}

/** Flaw: `update` ignores `expectedVersion` (last writer wins). */
export function orderRepositoryWithoutVersionCheck(clock: Clock): OrderRepository {
  const inner = inMemoryOrderRepository({ clock })
  return { ...inner, update: (order, { events }) => blindUpdate(inner, order, events) }
}

/** Flaw: the version is checked by a read, then written blindly (check-then-act race). */
export function orderRepositoryWithRacyVersionCheck(clock: Clock): OrderRepository {
  const inner = inMemoryOrderRepository({ clock })
  return {
    ...inner,
    async update(order, { expectedVersion, events }) {
      const stored = await inner.findById(order.id)
      if (stored?.version !== expectedVersion) return false
      await latency()
      return blindUpdate(inner, order, events)
    },
  }
}

/**
 * Flaw: the dedupe key is not a unique index, only a lookup; with `checkFirst` the lookup happens
 * before the insert (check-then-act race), without it not at all.
 */
export function orderRepositoryWithoutUniqueDedupeKey(clock: Clock, options: { checkFirst: boolean }) {
  const inner = inMemoryOrderRepository({ clock })
  const idsByKey = new Map<string, string[]>()
  // the inner store would enforce uniqueness, so it is given a key made unique by the order id
  const stored = (o: OrderPrimitives) => ({ ...o, dedupeKey: `${o.dedupeKey}#${o.id}` })
  const shown = (o: OrderPrimitives) => ({ ...o, dedupeKey: o.dedupeKey.slice(0, -(o.id.length + 1)) })
  const repository: OrderRepository = {
    ...inner,
    async insert(order, events) {
      if (options.checkFirst) {
        const existing = await repository.findByDedupeKey(order.dedupeKey)
        if (existing) return { created: false, order: existing }
        await latency()
      }
      const result = await inner.insert(stored(order), events)
      idsByKey.set(order.dedupeKey, [...(idsByKey.get(order.dedupeKey) ?? []), order.id])
      return { created: result.created, order: shown(result.order) }
    },
    async findById(id) {
      const order = await inner.findById(id)
      return order && shown(order)
    },
    async findByDedupeKey(dedupeKey) {
      const [id] = idsByKey.get(dedupeKey) ?? []
      return id ? repository.findById(id) : null
    },
    list: async (query) => (await inner.list(query)).map(shown),
    update: (order, options) => inner.update(stored(order), options),
  }
  return repository
}

/** Flaw: claiming removes the events, i.e. marks them published before the publisher confirmed. */
export function orderRepositoryPublishingOnClaim(clock: Clock): OrderRepository {
  const inner = inMemoryOrderRepository({ clock })
  return {
    ...inner,
    async claimOutbox(options) {
      const claims = await inner.claimOutbox(options)
      for (const claim of claims) {
        await inner.markPublished(
          claim.orderId,
          claim.events.map((e) => e.id),
          options.owner,
        )
      }
      return claims
    },
  }
}

/** Flaw: claims take no lease, so every claimer gets the same orders. */
export function orderRepositoryWithoutLease(clock: Clock): OrderRepository {
  const inner = inMemoryOrderRepository({ clock })
  return { ...inner, claimOutbox: (options) => inner.claimOutbox({ ...options, leaseMs: 0 }) }
}

/** Flaw: the cursor compares `createdAt` only, so orders sharing the cursor's createdAt are skipped. */
export function orderRepositoryWithCreatedAtCursor(clock: Clock): OrderRepository {
  const inner = inMemoryOrderRepository({ clock })
  return {
    ...inner,
    list: ({ after, ...query }) =>
      inner.list(after ? { ...query, after: { createdAt: after.createdAt, id: '' } } : query),
  }
}

/** Flaw: the outbox is not bounded, so a broker outage lets it grow without limit (past 16 MB on MongoDB). */
export function orderRepositoryWithoutOutboxBound(clock: Clock): OrderRepository {
  return inMemoryOrderRepository({ clock, maxPendingEvents: Number.MAX_SAFE_INTEGER })
}

/** Flaw: a full outbox is answered like a stale version (false), so the core retries it as a lost race. */
export function orderRepositoryReportingFullOutboxAsStale(
  clock: Clock,
  maxPendingEvents: number,
): OrderRepository {
  const inner = inMemoryOrderRepository({ clock, maxPendingEvents })
  return {
    ...inner,
    update: (order, options) =>
      inner.update(order, options).catch((error: unknown) => {
        if (isOutboxFull(error)) return false
        throw error
      }),
  }
}
