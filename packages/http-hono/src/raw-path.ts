const QUESTION_MARK = 63
const HASH = 35

/**
 * The path Hono routes on (its `getPath` option): the URL's path as sent, not percent-decoded as
 * Hono's default does. Literal segments then match only as spelled, as on Express (`/%6Frders` is
 * not `/orders`): a proxy in front allows, denies or forwards by comparing the raw path with its
 * prefix rules, so a route must not be reachable under a spelling those rules do not see.
 * Parameters are still percent-decoded, by `c.req.param()`.
 */
export function rawPathOf(request: Request): string {
  const url = request.url
  const start = url.indexOf('/', url.indexOf(':') + 3)
  let end = start
  for (; end < url.length; end++) {
    const char = url.charCodeAt(end)
    if (char === QUESTION_MARK || char === HASH) break
  }
  return url.slice(start, end)
}
