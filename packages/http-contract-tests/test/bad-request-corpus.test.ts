import { describe, expect, it } from 'vitest'
import { BAD_REQUEST_CLASSES, BAD_REQUESTS } from '../src/index.js'

describe('bad-request corpus', () => {
  it('holds at least 100 cases, at least 8 of each class', () => {
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(100)
    for (const kind of BAD_REQUEST_CLASSES) {
      expect([kind, BAD_REQUESTS.filter((b) => b.class === kind).length >= 8]).toEqual([kind, true])
    }
  })

  it('names every case uniquely within its class and expects a 4xx', () => {
    const names = BAD_REQUESTS.map((b) => `${b.class}: ${b.name}`)
    expect(new Set(names).size).toBe(names.length)
    for (const bad of BAD_REQUESTS) expect(bad.expect.status >= 400 && bad.expect.status < 500).toBe(true)
  })
})
