import type { RequestReader } from '@orders/http-common'
import type { Request } from 'express'
import { readNodeBody } from './node-body.js'

/** Reads an Express request for the shared pipeline (no body-parser: the pipeline owns body rules). */
export const expressRequestReader: RequestReader<Request> = {
  header: (req, name) => {
    if (name === 'authorization') return authorizationOf(req)
    const value = req.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  },
  params: (req) => req.params as Record<string, string>,
  query: (req) => {
    const url = req.url
    const start = url.indexOf('?')
    if (start < 0) return ''
    // A raw '#' is not part of the query; a WHATWG URL (Hono's view of the request) drops it too.
    const end = url.indexOf('#', start)
    return end < 0 ? url.slice(start + 1) : url.slice(start + 1, end)
  },
  body: readNodeBody,
}

/**
 * Node keeps only the first of repeated Authorization headers; a web `Headers` (Hono) joins them,
 * which then fails verification. Joining here too makes a repeated header a 401 on both adapters.
 */
function authorizationOf(req: Request): string | undefined {
  const raw = req.rawHeaders
  let value: string | undefined
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === 13 && raw[i]!.toLowerCase() === 'authorization') {
      value = value === undefined ? raw[i + 1] : `${value}, ${raw[i + 1]}`
    }
  }
  return value
}
