import { malformedPath } from '../request/malformed-path.js'

/** What a matcher is built from: a method and a `/literal/:param` path template. */
export interface MatchableRoute {
  readonly method: string
  readonly path: string
}

export type RouteMatch<T> =
  | { readonly kind: 'route'; readonly route: T; readonly params: Record<string, string> }
  /** The path is one of ours, the method is not: the adapter answers 404 itself. */
  | { readonly kind: 'other-method' }

interface CompiledRoute<T> {
  route: T
  method: string
  /** A literal segment, or null where a parameter goes. */
  literals: (string | null)[]
  names: (string | null)[]
}

/**
 * Matches a request to one of our routes the way Express 5's router does with strict,
 * case-sensitive routing: the raw (still percent-encoded) path against the templates, one non-empty
 * segment per parameter, no trailing slash, HEAD served by GET; parameters are percent-decoded
 * afterwards and a segment that does not decode is `malformedPath()` (400), as Express answers it.
 * Used by the Express adapter as its single dispatching middleware instead of one router layer per
 * path (Express tries each layer's regular expression in turn on every request).
 * @example
 * const matcher = createRouteMatcher(pipeline.routes)
 * matcher.match('GET', '/orders/o-1') // { kind: 'route', route, params: { orderId: 'o-1' } }
 */
export function createRouteMatcher<T extends MatchableRoute>(routes: readonly T[]) {
  const compiled: CompiledRoute<T>[] = routes.map((route) => {
    const segments = route.path.split('/')
    return {
      route,
      method: route.method,
      literals: segments.map((segment) => (segment.startsWith(':') ? null : segment)),
      names: segments.map((segment) => (segment.startsWith(':') ? segment.slice(1) : null)),
    }
  })

  function sameShape(candidate: CompiledRoute<T>, segments: readonly string[]): boolean {
    const { literals } = candidate
    if (literals.length !== segments.length) return false
    for (let i = 0; i < literals.length; i++) {
      const literal = literals[i]
      if (literal === null ? segments[i]!.length === 0 : literal !== segments[i]) return false
    }
    return true
  }

  return {
    /**
     * `pathname`: the raw request path without query or fragment. `undefined` when the path is not
     * one of ours (the next handler gets the request). Throws `malformedPath()` for a parameter that
     * does not percent-decode.
     */
    match(method: string, pathname: string): RouteMatch<T> | undefined {
      const segments = pathname.split('/')
      const wanted = method === 'HEAD' ? 'GET' : method
      let pathKnown = false
      for (const candidate of compiled) {
        if (!sameShape(candidate, segments)) continue
        pathKnown = true
        if (candidate.method !== wanted) continue
        const params: Record<string, string> = {}
        const { names } = candidate
        for (let i = 0; i < names.length; i++) {
          const name = names[i] ?? null
          if (name !== null) params[name] = decodeSegment(segments[i]!)
        }
        return { kind: 'route', route: candidate.route, params }
      }
      return pathKnown ? OTHER_METHOD : undefined
    },
  }
}

const OTHER_METHOD = { kind: 'other-method' } as const

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch (error) {
    throw malformedPath(error)
  }
}
