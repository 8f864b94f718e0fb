import type { NodeRequest } from './node-body.js'

/**
 * A request header of a node request by lower-case name, read the way a web `Headers` reads it, so
 * adapters on node answer like Hono does elsewhere: repeated headers joined with ", " (node itself
 * keeps only the first Authorization, Content-Type or Content-Length). It scans `rawHeaders` rather
 * than reading `request.headers`, which node builds on first access (an object and a lower-cased copy
 * of every name, per request); no web `Headers` is built either.
 */
export function nodeHeader(request: NodeRequest, name: string): string | undefined {
  return joinedRawHeader(request.rawHeaders, name)
}

/** The first occurrence of a request header (lower-case `name`), as node keeps a repeated `Host`. */
export function firstNodeHeader(request: Pick<NodeRequest, 'rawHeaders'>, name: string): string | undefined {
  const raw = request.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const rawName = raw[i]!
    if (rawName.length === name.length && rawName.toLowerCase() === name) return raw[i + 1]
  }
  return undefined
}

/** Every occurrence of `name` in the raw header list, joined with ", " (undefined when absent). */
function joinedRawHeader(raw: readonly string[], name: string): string | undefined {
  let value: string | undefined
  for (let i = 0; i < raw.length; i += 2) {
    const rawName = raw[i]!
    if (rawName.length === name.length && rawName.toLowerCase() === name) {
      value = value === undefined ? raw[i + 1] : `${value}, ${raw[i + 1]}`
    }
  }
  return value
}
