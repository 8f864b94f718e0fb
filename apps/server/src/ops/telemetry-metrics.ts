/** A Telemetry count that also feeds a dedicated, labelled Prometheus counter. */
export interface TelemetryMetric {
  metric: string
  help: string
  labels?: Record<string, string>
}

const CACHE = 'Product cache lookups by result'
const PRODUCT_EVENTS =
  'Product updates applied or ignored (older or repeated version), from events or the API'

/**
 * Telemetry names reported by @orders/core and the adapters, mapped to metrics. Names not listed
 * here are still counted in `orders_telemetry_events_total{event}`.
 */
export const TELEMETRY_METRICS: Readonly<Record<string, TelemetryMetric>> = {
  product_cache_hit: { metric: 'orders_product_cache_lookups_total', help: CACHE, labels: { result: 'hit' } },
  product_cache_miss: {
    metric: 'orders_product_cache_lookups_total',
    help: CACHE,
    labels: { result: 'miss' },
  },
  product_cache_error: {
    metric: 'orders_product_cache_lookups_total',
    help: CACHE,
    labels: { result: 'error' },
  },
  product_source_fetch: {
    metric: 'orders_product_source_fetches_total',
    help: 'Product lookups sent to ProductService (RPC)',
  },
  product_update_applied: {
    metric: 'orders_product_updates_total',
    help: PRODUCT_EVENTS,
    labels: { result: 'applied' },
  },
  product_update_ignored: {
    metric: 'orders_product_updates_total',
    help: PRODUCT_EVENTS,
    labels: { result: 'ignored' },
  },
  outbox_published: {
    metric: 'orders_outbox_published_events_total',
    help: 'Order events confirmed by the broker and removed from the outbox',
  },
  outbox_publish_failed: {
    metric: 'orders_outbox_publish_failures_total',
    help: 'Outbox batches whose publish failed (retried after the lease)',
  },
  product_events_consumed: {
    metric: 'orders_product_events_consumed_total',
    help: 'Product event deliveries taken from the queue (redeliveries included): consumer throughput',
  },
  product_events_retried: {
    metric: 'orders_product_events_retried_total',
    help: 'Product events that failed and were sent to a retry queue',
  },
  product_events_dead_lettered: {
    metric: 'orders_product_events_dead_lettered_total',
    help: 'Product events sent to the DLQ (invalid, or out of retries)',
  },
  product_rpc_late_reply: {
    metric: 'orders_product_rpc_late_replies_total',
    help: 'Product RPC replies that arrived after their request timed out',
  },
  write_conflict_retry: {
    metric: 'orders_write_conflict_retries_total',
    help: 'Writes retried after losing a version race',
  },
}
