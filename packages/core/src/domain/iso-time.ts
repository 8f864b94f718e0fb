let lastMs = Number.NaN
let lastIso = ''

/**
 * `date.toISOString()`, remembering the last answer: under load many writes share a millisecond, and
 * formatting a date costs more than the rest of touching an aggregate (toISOString ~560 ns on the
 * bench machine; a cart write formats twice when it creates the cart).
 */
export function isoTime(date: Date): string {
  const ms = date.getTime()
  if (ms !== lastMs) {
    lastIso = date.toISOString()
    lastMs = ms
  }
  return lastIso
}
