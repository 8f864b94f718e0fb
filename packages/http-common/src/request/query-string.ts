/** `a=1&b=2` to an object with no prototype; a repeated parameter becomes an array (and then fails its schema). */
export function parseQuery(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null)
  if (raw.length === 0) return query
  for (const [key, value] of new URLSearchParams(raw)) {
    const existing = query[key]
    query[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return query
}
