import { describe, expect, it } from 'vitest'
import { plainCopy } from '../src/domain/plain-copy.js'

describe('plainCopy', () => {
  it('copies nested plain data deeply, so the copy shares nothing with the original', () => {
    const original = { id: 'o-1', lines: [{ price: { amount: 450, currency: 'EUR' } }], note: null, n: 0 }
    const copy = plainCopy(original)
    expect(copy).toEqual(original)
    copy.lines[0]!.price.amount = 1
    expect(original.lines[0]!.price.amount).toBe(450)
    expect(copy.lines).not.toBe(original.lines)
  })

  it('keeps primitives and undefined fields as they are', () => {
    expect(plainCopy('x')).toBe('x')
    expect(plainCopy(null)).toBeNull()
    expect(Object.keys(plainCopy({ a: undefined }))).toEqual(['a'])
  })
})
