import { describe, expect, it } from 'vitest'
import { uuidV7Ids } from '../src/index.js'

describe('uuidV7Ids', () => {
  it('is strictly increasing within one process, even for many ids in one millisecond', () => {
    const ids = uuidV7Ids()
    const made = Array.from({ length: 20_000 }, () => ids.next())
    expect([...made].sort()).toEqual(made)
    expect(new Set(made).size).toBe(made.length)
  })

  it('carries the version 7 and RFC 9562 variant bits and the current time', () => {
    const before = Date.now()
    const id = uuidV7Ids().next()
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const ms = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)
    expect(ms).toBeGreaterThanOrEqual(before)
    expect(ms).toBeLessThanOrEqual(Date.now() + 5)
  })
})
