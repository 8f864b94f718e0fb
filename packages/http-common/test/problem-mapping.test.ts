import {
  dependencyUnavailable,
  ERROR_STATUS,
  type ErrorCode,
  OrderServiceError,
  validationFailed,
} from '@orders/core'
import { describe, expect, it } from 'vitest'
import { invalidToken, missingCredentials } from '../src/auth/authentication-error.js'
import { problemResult } from '../src/problem.js'

const bodyOf = (result: { body: string | undefined }) => JSON.parse(result.body ?? 'null')

describe('problem+json mapping', () => {
  it('maps every core error code to its status with type, title, status, detail and code', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      const result = problemResult(new OrderServiceError(code, `detail of ${code}`), 'req-1')
      expect(result.status).toBe(ERROR_STATUS[code])
      expect(result.headers['content-type']).toBe('application/problem+json')
      expect(result.headers['x-request-id']).toBe('req-1')
      expect(bodyOf(result)).toMatchObject({
        type: expect.stringMatching(/^urn:orders:problem:[a-z-]+$/),
        title: expect.any(String),
        status: ERROR_STATUS[code],
        // a dependency failure's detail is rewritten (see below)
        detail: code === 'DEPENDENCY_UNAVAILABLE' ? expect.any(String) : `detail of ${code}`,
        code,
      })
    }
  })

  it('lists the failing fields of a validation error', () => {
    const result = problemResult(validationFailed([{ path: 'lines.0.quantity', message: 'too big' }]), 'r')
    expect(result.status).toBe(422)
    expect(bodyOf(result).errors).toEqual([{ path: 'lines.0.quantity', message: 'too big' }])
  })

  it('spreads details such as from/to but never lets them replace the standard members', () => {
    const error = new OrderServiceError('INVALID_TRANSITION', 'no', {
      details: { from: 'Delivered', to: 'Pending', status: 200, code: 'OK' },
    })
    expect(bodyOf(problemResult(error, 'r'))).toMatchObject({
      from: 'Delivered',
      to: 'Pending',
      status: 409,
      code: 'INVALID_TRANSITION',
    })
  })

  it('answers 503 with Retry-After and without the driver message', () => {
    const result = problemResult(
      dependencyUnavailable('mongo', new Error('connect ECONNREFUSED 10.0.0.7:27017'), 5),
      'r',
    )
    expect(result.status).toBe(503)
    expect(result.headers['retry-after']).toBe('5')
    expect(result.body).not.toContain('ECONNREFUSED')
    expect(bodyOf(result)).toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      detail: expect.stringContaining('mongo'),
    })
    expect(result.unexpected).toBe(false)
  })

  it('challenges with Bearer on 401, naming an invalid token', () => {
    expect(problemResult(missingCredentials(), 'r').headers['www-authenticate']).toBe('Bearer')
    expect(problemResult(invalidToken('expired'), 'r').headers['www-authenticate']).toBe(
      'Bearer error="invalid_token"',
    )
    expect(
      problemResult(new OrderServiceError('UNAUTHENTICATED', 'no'), 'r').headers['www-authenticate'],
    ).toBe('Bearer')
  })

  it('turns anything unexpected into a 500 problem without message or stack', () => {
    const result = problemResult(new TypeError('secret internals at /srv/app.js:12'), 'r')
    expect(result.status).toBe(500)
    expect(result.unexpected).toBe(true)
    expect(result.body).not.toContain('secret internals')
    expect(result.body).not.toContain('app.js')
    expect(bodyOf(result)).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' })
  })
})
