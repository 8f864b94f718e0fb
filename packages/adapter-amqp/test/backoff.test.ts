import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../src/index.js'

describe('reconnect backoff', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000, factor: 2 }

  it('doubles per attempt between half and all of the base delay, capped', () => {
    const bounds = [1, 2, 3, 4, 5, 10].map((attempt) => [
      backoffDelay(attempt, options, () => 0),
      backoffDelay(attempt, options, () => 1),
    ])
    expect(bounds).toEqual([
      [50, 100],
      [100, 200],
      [200, 400],
      [400, 800],
      [500, 1000],
      [500, 1000],
    ])
  })

  it('spreads the delays (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, options)))
    expect(delays.size).toBeGreaterThan(10)
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(400)
  })
})
