import { describe, expect, it } from 'vitest'
import { createServerMetrics } from '../../src/ops/metrics.js'

const sampleOf = (text: string, metric: string) =>
  Number(new RegExp(`^${metric} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)

describe('the outbox metrics', () => {
  // Regression: the backlog gauge was set by the age gauge's collect, after the registry had already read
  // it, so each scrape showed the previous scrape's backlog (0 on the first one).
  it('report the backlog sampled by this scrape, not by the previous one', async () => {
    const metrics = createServerMetrics({ warn: () => {} })
    let events = 7
    const oldestEventAt = new Date(Date.now() - 5_000).toISOString()
    metrics.trackOutbox(async () => ({ events, oldestEventAt }), 100)

    const first = await metrics.registry.metrics()
    expect(sampleOf(first, 'orders_outbox_backlog_events')).toBe(7)
    expect(sampleOf(first, 'orders_outbox_oldest_event_age_seconds')).toBeGreaterThanOrEqual(5)
    events = 3
    expect(sampleOf(await metrics.registry.metrics(), 'orders_outbox_backlog_events')).toBe(3)
  })

  it('read the outbox once per scrape for both gauges, and keep the last values when the read fails', async () => {
    const metrics = createServerMetrics({ warn: () => {} })
    let reads = 0
    let failing = false
    metrics.trackOutbox(async () => {
      reads += 1
      if (failing) throw new Error('mongodb down')
      return { events: 4, oldestEventAt: null }
    }, 100)
    await metrics.registry.metrics()
    expect(reads).toBe(1)
    failing = true
    const text = await metrics.registry.metrics()
    expect(reads).toBe(2)
    expect(sampleOf(text, 'orders_outbox_backlog_events')).toBe(4)
    expect(sampleOf(text, 'orders_outbox_oldest_event_age_seconds')).toBe(0)
  })
})
