/**
 * The shape of a JSON value: key names and value types at every depth, values dropped (ids,
 * timestamps and versions differ between two servers; their types must not).
 */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null'
  if (Array.isArray(value))
    return [...new Set(value.map((v) => JSON.stringify(shapeOf(v))))].sort().map((s) => JSON.parse(s))
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
    return Object.fromEntries(entries.map(([k, v]) => [k, shapeOf(v)]))
  }
  return typeof value
}
