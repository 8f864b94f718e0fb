import { describe, expect, it } from 'vitest'
import { etagOf, expectedVersionOf, UNKNOWN_VERSION } from '../src/request/conditional-headers.js'

describe('If-Match', () => {
  it('reads the strong ETag of a version, and * as no condition', () => {
    expect(expectedVersionOf(etagOf(0))).toBe(0)
    expect(expectedVersionOf(' "42" ')).toBe(42)
    expect(expectedVersionOf('"999999999999999"')).toBe(999_999_999_999_999)
    expect(expectedVersionOf('*')).toBeUndefined()
    expect(expectedVersionOf(undefined)).toBeUndefined()
  })

  it('never matches a well-formed tag that is not a version in canonical decimal (regression: "01" was version 1)', () => {
    for (const tag of ['"01"', '"00"', '"+1"', '"1.0"', '"abc"', '""', '"1000000000000000"', '"\xe9"']) {
      expect([tag, expectedVersionOf(tag)]).toEqual([tag, UNKNOWN_VERSION])
    }
  })

  it('refuses with 400 MALFORMED_REQUEST what is not one strong tag', () => {
    for (const header of ['W/"1"', '1', '"1", "2"', '"1', '"a"b"', '"a b"', '', '**']) {
      expect(() => expectedVersionOf(header), header).toThrow(
        expect.objectContaining({ code: 'MALFORMED_REQUEST', status: 400 }),
      )
    }
  })
})
