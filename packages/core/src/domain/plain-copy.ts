/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans, null). Aggregate states and
 * stored records hold nothing else (timestamps are ISO strings), and this is ~6x cheaper than
 * `structuredClone`, which dominated the CPU time of reading an order.
 */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T
  if (value === null || typeof value !== 'object') return value
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) copy[key] = plainCopy((value as Record<string, unknown>)[key])
  return copy as T
}
