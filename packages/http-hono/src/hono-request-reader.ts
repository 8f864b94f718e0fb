import {
  assertDecodablePath,
  type NodeRequest,
  nodeHeader,
  payloadTooLarge,
  type RequestReader,
  readNodeBody,
} from '@orders/http-common'
import type { Context } from 'hono'
import { rawPathOf } from './raw-path.js'

const EMPTY = new Uint8Array(0)
/** After a 413, up to this many times the limit is still read (and dropped) so the client sees the answer. */
const DRAIN_FACTOR = 16

/** Reads a Hono request for the shared pipeline. */
export const honoRequestReader: RequestReader<Context> = {
  header: (c, name) => {
    const incoming = nodeRequestOf(c)
    return incoming === undefined ? c.req.header(name) : nodeHeader(incoming, name)
  },
  params: paramsOf,
  query: (c) => {
    const url = c.req.url
    const start = url.indexOf('?')
    if (start < 0) return ''
    const end = url.indexOf('#', start)
    return end < 0 ? url.slice(start + 1) : url.slice(start + 1, end)
  },
  body: readBody,
}

/**
 * Hono hands over a parameter it could not percent-decode as it came; Express's reader refuses it
 * (`decodePathParams`). Checking the raw path when a parameter still holds a '%' makes both answer
 * alike, and at the same point: when the pipeline reads the parameters, after authentication.
 */
function paramsOf(c: Context): Record<string, string> {
  const params = c.req.param() as Record<string, string>
  for (const name in params) {
    if (params[name]!.includes('%')) {
      assertDecodablePath(rawPathOf(c.req.raw))
      break
    }
  }
  return params
}

/** What @hono/node-server passes as `c.env`: the node request the web Request was made from. */
interface NodeBindings {
  incoming?: NodeRequest
}

/**
 * The node request behind `c` on @hono/node-server, else undefined. Headers and body are read from it
 * directly: the same values, without building a web `Headers` and a web body stream per request.
 */
function nodeRequestOf(c: Context): NodeRequest | undefined {
  const incoming = (c.env as NodeBindings | undefined)?.incoming
  return incoming !== undefined && Array.isArray(incoming.rawHeaders) && typeof incoming.read === 'function'
    ? incoming
    : undefined
}

/**
 * On @hono/node-server the body is read from the node request itself (no web Request body, no copy);
 * elsewhere, with a Content-Length (already checked against the limit) it is read in one go, otherwise
 * the stream is counted as it arrives.
 */
async function readBody(c: Context, maxBytes: number): Promise<Uint8Array> {
  const incoming = nodeRequestOf(c)
  if (incoming !== undefined) return readNodeBody(incoming, maxBytes)
  if (c.req.header('content-length') !== undefined) return new Uint8Array(await c.req.arrayBuffer())
  const stream = c.req.raw.body
  if (stream === null) return EMPTY
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      void discardRest(reader, maxBytes * DRAIN_FACTOR)
      throw payloadTooLarge(maxBytes)
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0]!
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/** Reads and drops the rest of a refused body; a client that keeps sending past `limit` is cut off. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<void> {
  let seen = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      seen += value.byteLength
      if (seen > limit) {
        await reader.cancel()
        return
      }
    }
  } catch {
    // the client went away: nothing left to drain
  }
}
