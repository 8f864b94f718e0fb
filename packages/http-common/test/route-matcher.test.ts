import { OrderServiceError } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { decodePathParams } from '../src/request/malformed-path.js'
import { createRouteMatcher } from '../src/routes/route-matcher.js'
import { ROUTES } from '../src/routes/route-table.js'

const matcher = createRouteMatcher(ROUTES)
const routeOf = (method: string, path: string) => {
  const found = matcher.match(method, path)
  return found?.kind === 'route' ? `${found.route.method} ${found.route.path}` : found?.kind
}

describe('route matcher (the Express adapter routes with it)', () => {
  it('finds every route of the table by its method and a concrete path', () => {
    for (const route of ROUTES) {
      const concrete = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => `${name}-1`)
      const found = matcher.match(route.method, concrete)
      expect(found).toMatchObject({ kind: 'route', route })
      if (found?.kind !== 'route') continue
      for (const name of route.path.match(/:([A-Za-z]+)/g) ?? []) {
        expect(found.params[name.slice(1)]).toBe(`${name.slice(1)}-1`)
      }
    }
  })

  it('tells a known path with another method from an unknown path', () => {
    expect(routeOf('PUT', '/carts/u1/items')).toBe('other-method')
    expect(routeOf('OPTIONS', '/orders/o1')).toBe('other-method')
    expect(routeOf('GET', '/health/live')).toBeUndefined()
    expect(routeOf('GET', '/')).toBeUndefined()
  })

  it('is strict like Express with strict, case-sensitive routing', () => {
    expect(routeOf('GET', '/orders/o1/')).toBeUndefined()
    expect(routeOf('GET', '/Orders/o1')).toBeUndefined()
    expect(routeOf('GET', '/orders//')).toBeUndefined()
    expect(routeOf('GET', '/orders/')).toBeUndefined()
    expect(routeOf('GET', '/orders')).toBe('GET /orders')
    expect(routeOf('POST', '/carts/u1/items/')).toBeUndefined()
    expect(routeOf('POST', '/carts/u1/%69tems')).toBeUndefined()
  })

  it('answers HEAD with the GET route', () => {
    expect(routeOf('HEAD', '/orders/o1')).toBe('GET /orders/:orderId')
    expect(routeOf('HEAD', '/carts/u1/items')).toBe('other-method')
  })

  it('matches literal segments only as spelled (regression: Hono routed /%6Frders as /orders, Express did not)', () => {
    expect(routeOf('GET', '/%6Frders')).toBeUndefined()
    expect(routeOf('GET', '/%6frders')).toBeUndefined()
    expect(routeOf('GET', '/%63arts/u1')).toBeUndefined()
    expect(routeOf('DELETE', '/product%73/p1')).toBeUndefined()
  })

  it('hands parameters over raw, even when they do not decode, so the pipeline authenticates first', () => {
    expect(matcher.match('GET', '/orders/o%2D1')).toMatchObject({ params: { orderId: 'o%2D1' } })
    // regression: a parameter that did not decode was 400 while routing, before 401 or 403
    expect(matcher.match('GET', '/orders/%E0%A4%A')).toMatchObject({ params: { orderId: '%E0%A4%A' } })
    expect(routeOf('PUT', '/products/%E0%A4%A')).toBe('PUT /products/:productId')
    // a segment that is not a parameter is compared as sent, never decoded
    expect(routeOf('GET', '/%E0%A4%A/o1')).toBeUndefined()
    expect(routeOf('PUT', '/orders/%E0%A4%A')).toBe('other-method')
    expect(routeOf('OPTIONS', '/carts/%E0/items')).toBe('other-method')
  })
})

describe('decodePathParams (the Express adapter reads parameters with it)', () => {
  it('percent-decodes each parameter as Express does, and keeps an object without any % as it is', () => {
    const plain = { userId: 'u1', productId: 'p-1' }
    expect(decodePathParams(plain)).toBe(plain)
    expect(decodePathParams({ orderId: 'o%2D1', userId: 'u1' })).toEqual({ orderId: 'o-1', userId: 'u1' })
    expect(decodePathParams({ orderId: 'a%2Fb' })).toEqual({ orderId: 'a/b' })
  })

  it('refuses a parameter that is not valid percent-encoding with 400 MALFORMED_REQUEST', () => {
    let thrown: unknown
    try {
      decodePathParams({ orderId: '%E0%A4%A' })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(OrderServiceError)
    expect(thrown).toMatchObject({ code: 'MALFORMED_REQUEST', status: 400 })
  })
})
