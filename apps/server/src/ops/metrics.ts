import type { OutboxBacklog, Telemetry } from '@orders/core'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { TELEMETRY_METRICS } from './telemetry-metrics.js'

export interface RequestObservation {
  method: string
  route: string
  status: number
  durationMs: number
}

/** Prometheus metrics of one server instance, on its own registry (`/metrics`). */
export interface ServerMetrics {
  readonly registry: Registry
  /** The core Telemetry port: every count lands in a counter, named ones in their own metric. */
  readonly telemetry: Telemetry
  observeRequest(observation: RequestObservation): void
  /** Sampled on each scrape; a failing or slow read leaves the last values. */
  trackOutbox(read: () => Promise<OutboxBacklog>, timeoutMs: number): void
  /** Requests accepted and not yet answered (this scrape included), sampled on each scrape. */
  trackInFlight(read: () => number): void
}

/**
 * @example
 * const metrics = createServerMetrics({ warn: (msg, err) => logger.warn({ err }, msg) })
 * createOrderService({ ...adapters, telemetry: metrics.telemetry })
 */
export function createServerMetrics(options: {
  warn: (message: string, error?: unknown) => void
}): ServerMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Latency of API requests by route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const events = new Counter({
    name: 'orders_telemetry_events_total',
    help: 'Every count reported through the core Telemetry port, by event name',
    labelNames: ['event'],
    registers: [registry],
  })
  const named = new Map<string, Counter<string>>()
  const totals = new Map<string, number>()
  for (const spec of Object.values(TELEMETRY_METRICS)) {
    if (named.has(spec.metric)) continue
    named.set(
      spec.metric,
      new Counter({
        name: spec.metric,
        help: spec.help,
        labelNames: Object.keys(spec.labels ?? {}),
        registers: [registry],
      }),
    )
  }
  new Gauge({
    name: 'orders_product_cache_hit_ratio',
    help: 'Product cache hits / (hits + misses) since start; NaN before the first lookup',
    registers: [registry],
    collect() {
      const hits = totals.get('product_cache_hit') ?? 0
      const misses = totals.get('product_cache_miss') ?? 0
      this.set(hits + misses === 0 ? Number.NaN : hits / (hits + misses))
    },
  })

  const telemetry: Telemetry = {
    count(name, by = 1) {
      try {
        events.inc({ event: name }, by)
        totals.set(name, (totals.get(name) ?? 0) + by)
        const spec = Object.hasOwn(TELEMETRY_METRICS, name) ? TELEMETRY_METRICS[name] : undefined
        if (spec) named.get(spec.metric)?.inc(spec.labels ?? {}, by)
      } catch {
        // Telemetry must never throw into a use case.
      }
    },
    warn: (message, error) => options.warn(message, error),
  }

  return {
    registry,
    telemetry,
    observeRequest({ method, route, status, durationMs }) {
      http.observe({ method, route, status: String(status) }, durationMs / 1000)
    },
    trackInFlight(read) {
      new Gauge({
        name: 'http_requests_in_flight',
        help: 'Requests accepted and not yet answered, ops endpoints included',
        registers: [registry],
        collect() {
          this.set(read())
        },
      })
    },
    trackOutbox(read, timeoutMs) {
      // The registry reads every metric at once, so both gauges wait for one shared read of this scrape
      // (a gauge set by the other's collect would show the previous scrape's value).
      let sampling: Promise<void> | undefined
      const sample = () => {
        sampling ??= withTimeout(Promise.resolve().then(read), timeoutMs)
          .then(
            ({ events, oldestEventAt }) => {
              backlog.set(events)
              age.set(oldestEventAt ? (Date.now() - Date.parse(oldestEventAt)) / 1000 : 0)
            },
            (error: unknown) => options.warn('[orders] [metrics] reading the outbox backlog failed', error),
          )
          .finally(() => {
            sampling = undefined
          })
        return sampling
      }
      const backlog = new Gauge({
        name: 'orders_outbox_backlog_events',
        help: 'Order events written to the outbox and not yet confirmed by the broker',
        registers: [registry],
        collect: sample,
      })
      const age = new Gauge({
        name: 'orders_outbox_oldest_event_age_seconds',
        help: 'Age of the oldest unpublished outbox event (0 when the outbox is empty)',
        registers: [registry],
        collect: sample,
      })
    },
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
