import type { Clock } from '../ports/clock.port.js'

export interface ManualClock extends Clock {
  advance(ms: number): void
  set(at: Date | string): void
}

/** A clock that only moves when told to. @default starts at 2026-01-01T00:00:00Z */
export function manualClock(start: Date | string = '2026-01-01T00:00:00.000Z'): ManualClock {
  let current = new Date(start).getTime()
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms
    },
    set: (at) => {
      current = new Date(at).getTime()
    },
  }
}

/** Deterministic ids `${prefix}0001`, `${prefix}0002`, … that sort in creation order. */
export function sequentialIds(prefix = 'id-'): { next(): string } {
  let n = 0
  return { next: () => `${prefix}${String(++n).padStart(8, '0')}` }
}
