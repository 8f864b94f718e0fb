import {
  type Actor,
  createOrderService,
  type OrderServiceOptions,
  type ProductData,
  type Telemetry,
} from '../../src/index.js'
import { inMemoryAdapters, manualClock, sequentialIds } from '../../src/testing/index.js'

export function aProduct(overrides: Partial<ProductData> = {}): ProductData {
  return {
    productId: 'p-1',
    name: 'Espresso beans 1 kg',
    price: { amount: 1999, currency: 'EUR' },
    available: true,
    version: 1,
    ...overrides,
  }
}

/** `count` products p-000 … with prices 100, 101, … */
export function aCatalog(count: number, currency = 'EUR'): ProductData[] {
  return Array.from({ length: count }, (_, i) =>
    aProduct({
      productId: `p-${String(i).padStart(3, '0')}`,
      name: `Product ${i}`,
      price: { amount: 100 + i, currency },
    }),
  )
}

export const customer = (userId = 'alice'): Actor => ({ userId, role: 'customer' })
export const admin: Actor = { userId: 'root', role: 'admin' }

/** A service on in-memory adapters with a manual clock and a simulated ProductService. */
export function aService(
  options: { catalog?: ProductData[]; service?: OrderServiceOptions; maxPendingEvents?: number } = {},
) {
  const clock = manualClock()
  const adapters = inMemoryAdapters({
    clock,
    ids: sequentialIds('o-'),
    catalog: options.catalog ?? [aProduct()],
    ...(options.maxPendingEvents !== undefined ? { maxPendingEvents: options.maxPendingEvents } : {}),
  })
  const service = createOrderService(adapters, { retryBaseDelayMs: 1, ...options.service })
  return { service, adapters, clock }
}

/** Telemetry that sums its counters in `counts` (and drops warnings). */
export function countingTelemetry(): { counts: Record<string, number>; telemetry: Telemetry } {
  const counts: Record<string, number> = {}
  const telemetry: Telemetry = {
    count: (name, by = 1) => {
      counts[name] = (counts[name] ?? 0) + by
    },
    warn: () => {},
  }
  return { counts, telemetry }
}

/** Awaits a promise that must reject with an OrderServiceError, returning it. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await promise
  } catch (error) {
    return error as { code: string; details: Record<string, unknown> }
  }
  throw new Error('expected a failure, but the call succeeded')
}
