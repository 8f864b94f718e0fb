/** What a matcher is built from: a method and a `/literal/:param` path template. */
export interface MatchableRoute {
  readonly method: string
  readonly path: string
}

export type RouteMatch<T> =
  /** `params`: the raw (still percent-encoded) segments; see `decodePathParams`. */
  | { readonly kind: 'route'; readonly route: T; readonly params: Record<string, string> }
  /** The path is one of ours, the method is not: the adapter answers 404 itself. */
  | { readonly kind: 'other-method' }

interface CompiledRoute<T> {
  route: T
  method: string
  /** Per segment of the template: the literal text, or the name of the parameter that goes there. */
  segments: ({ literal: string } | { param: string })[]
}

/**
 * Matches a request to one of our routes the way Express 5's router does with strict,
 * case-sensitive routing: the raw (still percent-encoded) path against the templates, one non-empty
 * segment per parameter, no trailing slash, HEAD served by GET.
 *
 * Literal segments match only as spelled: `/%6Frders` is not `/orders` (the Hono adapter routes on the
 * raw path too). A proxy in front that allows, denies or forwards by path prefix compares the raw path,
 * so decoding literals here would let `/%6Frders` past a rule written for `/orders`.
 *
 * Parameters are handed over raw: the adapter decodes them with `decodePathParams` when the pipeline
 * reads them, after authentication, so a parameter that does not decode is 400 only for a caller
 * who may use the route (401 and 403 come first, as on Hono).
 * Used by the Express adapter as its single dispatching middleware instead of one router layer per
 * path (Express tries each layer's regular expression in turn on every request).
 * @example
 * const matcher = createRouteMatcher(pipeline.routes)
 * matcher.match('GET', '/orders/o%2D1') // { kind: 'route', route, params: { orderId: 'o%2D1' } }
 */
export function createRouteMatcher<T extends MatchableRoute>(routes: readonly T[]) {
  const compiled: CompiledRoute<T>[] = routes.map((route) => ({
    route,
    method: route.method,
    segments: route.path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? { param: segment.slice(1) } : { literal: segment })),
  }))

  function sameShape(candidate: CompiledRoute<T>, segments: readonly string[]): boolean {
    const template = candidate.segments
    if (template.length !== segments.length) return false
    for (let i = 0; i < template.length; i++) {
      const part = template[i]!
      if ('literal' in part ? part.literal !== segments[i] : segments[i]!.length === 0) return false
    }
    return true
  }

  return {
    /**
     * `pathname`: the raw request path without query or fragment. `undefined` when the path is not
     * one of ours (the next handler gets the request). Parameters are the raw segments.
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
        candidate.segments.forEach((part, i) => {
          if ('param' in part) params[part.param] = segments[i]!
        })
        return { kind: 'route', route: candidate.route, params }
      }
      return pathKnown ? OTHER_METHOD : undefined
    },
  }
}

const OTHER_METHOD = { kind: 'other-method' } as const
