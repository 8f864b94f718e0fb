/** Source of the current time. Adapters that need "now" (TTLs, leases) take a clock too. */
export interface Clock {
  /** The current instant; never throws. */
  now(): Date
}
