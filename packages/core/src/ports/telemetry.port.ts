/** Optional counters and warnings for operations (metrics, logs). Every method must not throw. */
export interface Telemetry {
  /** Adds `by` (default 1) to a counter, e.g. `product_cache_hit`, `write_conflict_retry`. */
  count(name: string, by?: number): void
  /** A degraded-but-handled condition, e.g. the cache being down. */
  warn(message: string, error?: unknown): void
}
