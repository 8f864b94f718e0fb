import { decodePathParams, nodeHeader, type RequestReader } from '@orders/http-common'
import type { Request } from 'express'
import { readNodeBody } from './node-body.js'

/**
 * Reads an Express request for the shared pipeline (no body-parser: the pipeline owns body rules).
 * Headers come from the raw list as a web `Headers` joins them (node keeps only the first of repeated
 * Authorization headers; Hono joins them, which then fails verification: a 401 on both adapters).
 * `req.params` must hold the raw segments, as `createExpressApp`'s routing sets them (Express's own
 * router has already decoded its parameters: they would be decoded twice).
 */
export const expressRequestReader: RequestReader<Request> = {
  header: nodeHeader,
  // A '%' that does not decode is 400 here, once the pipeline has authenticated the caller, not while routing.
  params: (req) => decodePathParams(req.params as Record<string, string>),
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
