import type { IncomingMessage } from 'node:http'
import { OrderServiceError } from '@orders/core'
import { firstNodeHeader } from './node-headers.js'

/** 400 for a request whose `Host` is missing or makes no host name (RFC 9112 §3.2). */
export function invalidHost(cause?: unknown): OrderServiceError {
  return new OrderServiceError('MALFORMED_REQUEST', 'the Host header is missing or invalid', { cause })
}

/** 404 for a request target that names no path of ours (`*`, a scheme other than http(s), a URL that does not parse). */
export function unknownRequestTarget(cause?: unknown): OrderServiceError {
  return new OrderServiceError('NOT_FOUND', 'nothing answers this request target', { cause })
}

export type RequestTarget =
  /** Origin-form (`/carts/u1`): route on the target as sent. */
  | { readonly kind: 'path' }
  /** Absolute-form (`http://host/carts/u1`): route on this origin-form path and query instead. */
  | { readonly kind: 'url'; readonly path: string }
  | { readonly kind: 'refused'; readonly error: OrderServiceError }

const AS_SENT: RequestTarget = { kind: 'path' }
const SLASH = 47
/** What @hono/node-server takes as a host name without asking a URL parser. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/

/**
 * Reads an HTTP/1 request target with its (first) `Host` as @hono/node-server does before Hono runs
 * (`newRequest` and `buildUrl` of node-server 2.x), so an adapter hosted otherwise (Express) answers alike:
 * - an absolute-form target (`http://` or `https://`, as spelled) is the URL, whatever the `Host`;
 *   one with a backslash before the query, or that does not parse, is `unknownRequestTarget`;
 * - otherwise a missing or empty `Host` is `invalidHost` (HTTP/1.0 sends none: node itself refuses an
 *   HTTP/1.1 request without one), then a backslash before the query is `unknownRequestTarget`;
 * - after a plain host name, a target that does not start with `/` (`*`, `HTTP://…`, `ftp://…`) is
 *   `unknownRequestTarget`;
 * - any other `Host` is parsed with the target as one URL: `unknownRequestTarget` when that fails,
 *   `invalidHost` when the URL's host is not the `Host` (`evil.com/x`, `a@b`); a target other than `/…` is
 *   then routed on the URL's path.
 * A `Host` that makes no URL at all (`a:b`, a port over 65535) is therefore 404, as on Hono, not 400.
 * @example
 * readRequestTarget('http://other.example/carts/u1?x=1', '127.0.0.1:3000') // { kind: 'url', path: '/carts/u1?x=1' }
 * readRequestTarget('/carts/u1', undefined) // refused: 400 MALFORMED_REQUEST (an HTTP/1.0 request without Host)
 */
export function readRequestTarget(target: string, host: string | undefined): RequestTarget {
  if (target.charCodeAt(0) !== SLASH && (target.startsWith('http://') || target.startsWith('https://'))) {
    if (backslashBeforeQuery(target)) return refused(unknownRequestTarget())
    const url = parsedUrl(target)
    return url instanceof URL ? { kind: 'url', path: url.pathname + url.search } : refused(url)
  }
  if (!host) return refused(invalidHost())
  if (backslashBeforeQuery(target)) return refused(unknownRequestTarget())
  if (PLAIN_HOST.test(host)) {
    return target.charCodeAt(0) === SLASH ? AS_SENT : refused(unknownRequestTarget())
  }
  const url = parsedUrl(`http://${host}${target}`)
  if (!(url instanceof URL)) return refused(url)
  const hostname = host.includes(':') ? host.replace(/:\d+$/, '') : host
  if (url.hostname.length !== host.length && url.hostname !== hostname.toLowerCase()) {
    return refused(invalidHost())
  }
  return target.charCodeAt(0) === SLASH ? AS_SENT : { kind: 'url', path: url.pathname + url.search }
}

/**
 * `readRequestTarget` of a node:http request: its target and its first `Host` (node keeps only the first of
 * repeated ones, and so does node-server), read from `rawHeaders` so node does not build `request.headers`.
 */
export function readNodeRequestTarget(request: Pick<IncomingMessage, 'url' | 'rawHeaders'>): RequestTarget {
  return readRequestTarget(request.url ?? '', firstNodeHeader(request, 'host'))
}

function refused(error: OrderServiceError): RequestTarget {
  return { kind: 'refused', error }
}

function parsedUrl(url: string): URL | OrderServiceError {
  try {
    return new URL(url)
  } catch (error) {
    return unknownRequestTarget(error)
  }
}

/** A backslash before the query: URL parsers read it as `/`, so hops would disagree on the path. */
function backslashBeforeQuery(target: string): boolean {
  const backslash = target.indexOf('\\')
  if (backslash < 0) return false
  const query = target.indexOf('?')
  return query < 0 || backslash < query
}
