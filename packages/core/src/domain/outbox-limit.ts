/**
 * Default bound on the events waiting in one order's embedded outbox (`maxPendingEvents` of every order
 * repository): `update` refuses to append to an order that already holds this many (`OutboxFullError`).
 * Why 100: an event carries the whole order view, at most ~90 KB in BSON (100 lines with 200-character
 * names of 3-byte UTF-8 characters, a full address, a 1000-character note, four status changes with
 * reasons; measured); a write that passes appends at most 2 events (a cancellation), so an order
 * document stays under ~10 MB, well inside MongoDB's 16 MB. No real order changes 100 times while the
 * broker is down; a client looping on one order gets 503 instead of breaking the document.
 */
export const DEFAULT_MAX_PENDING_EVENTS = 100

/** `value` (default `DEFAULT_MAX_PENDING_EVENTS`) once checked to be a positive integer; `where` names the adapter. */
export function maxPendingEventsOf(value: number | undefined, where: string): number {
  const max = value ?? DEFAULT_MAX_PENDING_EVENTS
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new Error(`[orders] [${where}] maxPendingEvents must be a positive integer, got ${String(value)}`)
  }
  return max
}
