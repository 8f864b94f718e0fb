import { describe, expect, it } from 'vitest'
import {
  type RequestTarget,
  readNodeRequestTarget,
  readRequestTarget,
} from '../src/request/request-target.js'

/** `path`, the URL path to route on, or the refusal's status and code. */
function outcome(target: RequestTarget): string {
  if (target.kind === 'path') return 'as sent'
  if (target.kind === 'url') return target.path
  return `${target.error.status} ${target.error.code}`
}

const HOST = '127.0.0.1:3000'

describe('readRequestTarget', () => {
  it('routes an origin-form target as sent under a Host that names a host', () => {
    for (const host of [HOST, 'localhost', 'SHOP.EXAMPLE:80', '[::1]:3000', 'shop.example.']) {
      expect([host, outcome(readRequestTarget('/carts/u1?x=1', host))]).toEqual([host, 'as sent'])
    }
  })

  it('refuses a missing, empty or invalid Host with 400 MALFORMED_REQUEST (regression: Express served them)', () => {
    for (const host of [
      undefined,
      '',
      'shop.example/carts',
      'user@shop.example',
      'shop.example:',
      'sh%6Fp.example',
    ]) {
      expect([host, outcome(readRequestTarget('/carts/u1', host))]).toEqual([host, '400 MALFORMED_REQUEST'])
    }
  })

  it('answers 404 NOT_FOUND when the Host makes no URL at all, as @hono/node-server does', () => {
    for (const host of ['a:b', 'shop.example:99999', 'a b']) {
      expect([host, outcome(readRequestTarget('/carts/u1', host))]).toEqual([host, '404 NOT_FOUND'])
    }
  })

  it('routes an absolute-form http(s) target on its URL path, whatever the Host', () => {
    expect(outcome(readRequestTarget('http://shop.example/carts/u1?x=1#f', undefined))).toBe('/carts/u1?x=1')
    expect(outcome(readRequestTarget('https://shop.example/orders/../carts/u1', 'a b'))).toBe('/carts/u1')
    expect(outcome(readRequestTarget('http:///carts/u1', HOST))).toBe('/u1')
  })

  it('answers 404 NOT_FOUND to a target that is not a path or not a lower-case http(s) URL (regression: Express routed them)', () => {
    for (const target of [
      '*',
      'ftp://shop.example/carts/u1',
      'HTTP://shop.example/carts/u1',
      'http://shop.example:99999/carts/u1',
      'http://shop.example\\carts/u1',
      '/carts\\u1',
    ]) {
      expect([target, outcome(readRequestTarget(target, HOST))]).toEqual([target, '404 NOT_FOUND'])
    }
  })

  it('reads the first Host of a node request', () => {
    const request = { url: '/carts/u1', rawHeaders: ['Accept', '*/*', 'HOST', 'a/b', 'Host', HOST] }
    expect(outcome(readNodeRequestTarget(request))).toBe('400 MALFORMED_REQUEST')
    expect(outcome(readNodeRequestTarget({ url: '/carts/u1', rawHeaders: ['Host', HOST] }))).toBe('as sent')
  })
})
