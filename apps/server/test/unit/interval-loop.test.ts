import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { startIntervalLoop } from '../../src/worker/interval-loop.js'

describe('startIntervalLoop', () => {
  it('repeats at once while a pass reports more work, then waits for the interval', async () => {
    let passes = 0
    const loop = startIntervalLoop({
      name: 'test',
      intervalMs: 10_000,
      pass: async () => ++passes < 5,
      onError: () => {},
    })
    await sleep(50)
    await loop.stop()
    expect(passes).toBe(5)
  })

  it('reports a failing pass and keeps going; stop waits for the running pass', async () => {
    const errors: unknown[] = []
    let finished = 0
    const loop = startIntervalLoop({
      name: 'test',
      intervalMs: 5,
      pass: async () => {
        await sleep(20)
        finished++
        if (finished === 1) throw new Error('boom')
        return false
      },
      onError: (error) => errors.push(error),
    })
    await sleep(60)
    const before = finished
    await loop.stop()
    expect(errors).toHaveLength(1)
    expect(finished).toBeGreaterThanOrEqual(2)
    expect(finished - before).toBeLessThanOrEqual(1)
    await sleep(40)
    const after = finished
    await sleep(40)
    expect(finished).toBe(after)
  })
})
