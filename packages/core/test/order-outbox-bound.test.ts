import { describe, expect, it, vi } from 'vitest'
import { createOrderService } from '../src/index.js'
import { admin, aService, countingTelemetry, customer, failure } from './support/harness.js'

const alice = customer('alice')
const oneLine = { actor: alice, userId: 'alice', lines: [{ productId: 'p-1', quantity: 1 }] }

/**
 * A service whose orders may hold 2 unpublished events, with an order holding 2 (created, updated):
 * the broker is down, nothing drains them. Telemetry counters are summed in `counts`.
 */
async function aFullOutbox() {
  const h = aService({ maxPendingEvents: 2 })
  const { counts, telemetry } = countingTelemetry()
  const service = createOrderService({ ...h.adapters, telemetry }, { retryBaseDelayMs: 1 })
  const { order } = await service.orders.create(oneLine)
  const full = await service.orders.update({ actor: alice, orderId: order.id, changes: { note: 'first' } })
  const updates = vi.spyOn(h.adapters.orders, 'update')
  return { ...h, service, counts, full, updates }
}

describe('a full order outbox (events waiting for the broker)', () => {
  it('answers DEPENDENCY_UNAVAILABLE with a retry-after at once: no retry as a lost race, nothing written', async () => {
    const { service, adapters, counts, full, updates } = await aFullOutbox()

    const error = await failure(
      service.orders.update({ actor: alice, orderId: full.id, changes: { note: 'x' } }),
    )

    expect(error).toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      status: 503,
      details: { retryAfterSeconds: 1 },
    })
    expect(String(error)).toContain('order events are waiting for the broker')
    expect(updates).toHaveBeenCalledTimes(1)
    expect(counts).toMatchObject({ order_outbox_full: 1 })
    expect(counts.write_conflict_retry).toBeUndefined()
    expect(await service.orders.get({ actor: alice, orderId: full.id })).toEqual(full)
    expect(await adapters.orders.outboxBacklog()).toMatchObject({ events: 2 })
  })

  it('answers 503, not 412, with a current If-Match, and bounds status changes, cancels and deletes alike', async () => {
    const { service, full, updates } = await aFullOutbox()
    const target = { orderId: full.id, expectedVersion: full.version }

    const codes = [
      await failure(service.orders.update({ ...target, actor: alice, changes: { note: 'x' } })),
      await failure(service.orders.changeStatus({ ...target, actor: admin, status: 'Processing' })),
      await failure(service.orders.cancel({ ...target, actor: alice })),
      await failure(service.orders.delete({ ...target, actor: alice })),
    ].map((e) => e.code)

    expect(codes).toEqual(Array(4).fill('DEPENDENCY_UNAVAILABLE'))
    expect(updates).toHaveBeenCalledTimes(4)
    expect(await service.orders.get({ actor: alice, orderId: full.id })).toEqual(full)
  })

  it('takes changes again once the relay has published the waiting events', async () => {
    const { service, full } = await aFullOutbox()
    expect(await service.worker.relayOutboxOnce({ owner: 'w1' })).toMatchObject({ published: 2 })

    const updated = await service.orders.update({
      actor: alice,
      orderId: full.id,
      changes: { note: 'later' },
    })

    expect(updated).toMatchObject({ version: full.version + 1, note: 'later' })
  })

  it('never refuses creating an order or a checkout (inserts), whatever other orders hold', async () => {
    const { service } = await aFullOutbox()
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity: 1 })

    expect((await service.checkout.execute({ actor: alice, userId: 'alice' })).created).toBe(true)
    expect((await service.orders.create(oneLine)).created).toBe(true)
  })
})
