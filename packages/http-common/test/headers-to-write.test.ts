import { describe, expect, it } from 'vitest'
import { headersToWrite } from '../src/respond.js'

describe('headersToWrite', () => {
  it('adds the UTF-8 Content-Length of a body, and nothing without one', () => {
    const headers = { 'content-type': 'application/json' }
    expect(headersToWrite({ status: 200, headers, body: '{"name":"Tèa"}' })).toEqual({
      ...headers,
      'content-length': '15',
    })
    expect(headersToWrite({ status: 204, headers, body: undefined })).toBe(headers)
  })
})
