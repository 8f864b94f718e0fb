import { describe, expect, it } from 'vitest'
import { admin, aService, customer } from './support/harness.js'

const alice = customer('alice')
const oneLine = { actor: alice, userId: 'alice', lines: [{ productId: 'p-1', quantity: 1 }] }

describe('outbox relay', () => {
  it('publishes events written with the change that caused them, with the request id', async () => {
    const { service, adapters } = aService()
    const { order } = await service.orders.create({ ...oneLine, requestId: 'req-1' })
    await service.orders.changeStatus({
      actor: admin,
      orderId: order.id,
      status: 'Processing',
      requestId: 'req-2',
    })
    expect(await service.worker.relayOutboxOnce({ owner: 'w1' })).toEqual({
      claimed: 1,
      published: 2,
      failed: 0,
    })
    expect(adapters.publisher.published.map((e) => [e.type, e.subject, e.requestId, e.data.version])).toEqual(
      [
        ['order.created', order.id, 'req-1', 1],
        ['order.status_changed', order.id, 'req-2', 2],
      ],
    )
    expect(await adapters.orders.outboxBacklog()).toEqual({ events: 0, oldestEventAt: null })
  })

  it("sends a checkout's events with the checkout request's id, also when the sweep completes it", async () => {
    const { service, adapters, clock } = aService()
    await service.carts.addItem({ actor: alice, userId: 'alice', productId: 'p-1', quantity: 1 })
    adapters.orders.failures.failNext('insert')
    await expect(
      service.checkout.execute({ actor: alice, userId: 'alice', requestId: 'req-checkout' }),
    ).rejects.toThrow('injected')
    clock.advance(30_001)
    expect(await service.worker.sweepStaleCheckoutsOnce()).toBe(1)
    await service.worker.relayOutboxOnce({ owner: 'w1' })
    expect(adapters.publisher.published.map((e) => [e.type, e.requestId])).toEqual([
      ['order.created', 'req-checkout'],
      ['cart.checked_out', 'req-checkout'],
    ])
  })

  it('keeps events after a failed publish and delivers them once the lease expires', async () => {
    const { service, adapters, clock } = aService()
    await service.orders.create(oneLine)
    adapters.publisher.failures.failNext('publish')
    expect(await service.worker.relayOutboxOnce({ owner: 'w1', leaseMs: 5000 })).toEqual({
      claimed: 1,
      published: 0,
      failed: 1,
    })
    expect(await service.worker.relayOutboxOnce({ owner: 'w2', leaseMs: 5000 })).toEqual({
      claimed: 0,
      published: 0,
      failed: 0,
    })
    clock.advance(5000)
    expect(await service.worker.relayOutboxOnce({ owner: 'w2', leaseMs: 5000 })).toMatchObject({
      published: 1,
    })
    expect(adapters.publisher.published).toHaveLength(1)
  })

  it('a deleted order emits order.deleted and is purged once its outbox is drained and a checkout lease has passed', async () => {
    const { service, adapters, clock } = aService()
    const { order } = await service.orders.create(oneLine)
    await service.orders.delete({ actor: alice, orderId: order.id })
    clock.advance(30_001)
    expect(await service.worker.purgeOnce()).toEqual({ idempotencyRecords: 0, orders: 0 })
    await service.worker.relayOutboxOnce({ owner: 'w1' })
    expect(adapters.publisher.published.map((e) => e.type)).toEqual(['order.created', 'order.deleted'])
    expect(await service.worker.purgeOnce()).toEqual({ idempotencyRecords: 0, orders: 1 })
    expect(await adapters.orders.findById(order.id)).toBeNull()
  })
})
