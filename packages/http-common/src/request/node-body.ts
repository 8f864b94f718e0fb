import type { IncomingMessage } from 'node:http'
import type { Http2ServerRequest } from 'node:http2'
import { OrderServiceError } from '@orders/core'
import { payloadTooLarge } from './json-body.js'
import { nodeHeader } from './node-headers.js'

const EMPTY = new Uint8Array(0)
/** After a 413, up to this many times the limit is still read (and dropped) so the client sees the answer. */
const DRAIN_FACTOR = 16

/** A node request body stream: node:http's IncomingMessage or node:http2's compatibility request. */
export type NodeRequest = IncomingMessage | Http2ServerRequest

/**
 * Reads a node request body, refusing with 413 as soon as more than `maxBytes` arrived. The rest of
 * an oversized body is drained (not parsed, up to a bound), so the client still reads the 413.
 *
 * A small body usually arrives in the same packet as the headers, but node parses it only after the
 * request handler returned: asked synchronously from the handler (a cached token needs no await before
 * the body), nothing is buffered yet. The check is then made once more after a microtask, when node's
 * parser holds all of it (all the declared Content-Length, or the whole message), and it is taken in one
 * `read()`, without listeners or a chunk list.
 */
export function readNodeBody(request: NodeRequest, maxBytes: number): Promise<Uint8Array> {
  const buffered = readIfBuffered(request, maxBytes)
  if (buffered !== undefined) return buffered
  if (request.readableLength === 0 && !request.complete && !request.destroyed) {
    return Promise.resolve().then(
      () => readIfBuffered(request, maxBytes) ?? readStream(request, maxBytes, null),
    )
  }
  return readStream(request, maxBytes, null)
}

/** The body when node already holds all of it, else undefined. */
function readIfBuffered(request: NodeRequest, maxBytes: number): Promise<Uint8Array> | undefined {
  if (request.readableEnded) return Promise.resolve(EMPTY)
  if (request.readableFlowing === true || request.readableLength > maxBytes) return undefined
  if (request.complete) return readBuffered(request, maxBytes)
  if (!declaredBodyBuffered(request)) return undefined
  const body = readBuffered(request, maxBytes)
  // The end of the message is still to be parsed: flowing (with nothing left to read) lets 'end' follow.
  request.resume()
  return body
}

/** Every byte of a Content-Length body is buffered (node's parser never buffers more than that). */
function declaredBodyBuffered(request: NodeRequest): boolean {
  const declared = nodeHeader(request, 'content-length')
  return (
    declared !== undefined &&
    nodeHeader(request, 'transfer-encoding') === undefined &&
    request.readableLength > 0 &&
    Number(declared) === request.readableLength
  )
}

function readBuffered(request: NodeRequest, maxBytes: number): Promise<Uint8Array> {
  const buffered = request.read() as Buffer | null
  if (request.readableLength === 0) return Promise.resolve(buffered ?? EMPTY)
  // Not everything came out in one read (not expected): read the rest as a stream.
  return readStream(request, maxBytes, buffered)
}

function readStream(request: NodeRequest, maxBytes: number, first: Buffer | null): Promise<Uint8Array> {
  // The client may have gone while the pipeline was authenticating: its 'aborted'/'close' are past.
  if (request.destroyed) return Promise.reject(incompleteBody())
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = first ? [first] : []
    let size = first ? first.length : 0
    const cleanup = () => {
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onAbort)
      request.off('aborted', onAbort)
      request.off('close', onAbort)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        cleanup()
        discardRest(request, maxBytes * DRAIN_FACTOR)
        reject(payloadTooLarge(maxBytes))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve(chunks.length === 1 ? chunks[0]! : chunks.length === 0 ? EMPTY : Buffer.concat(chunks, size))
    }
    const onAbort = (cause?: unknown) => {
      cleanup()
      reject(incompleteBody(cause))
    }
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('error', onAbort)
    request.on('aborted', onAbort)
    request.on('close', onAbort)
  })
}

function incompleteBody(cause?: unknown): OrderServiceError {
  return new OrderServiceError('MALFORMED_REQUEST', 'the request body was not received completely', { cause })
}

/** Reads and drops the rest of a refused body; a client that keeps sending past `limit` is cut off. */
function discardRest(request: NodeRequest, limit: number): void {
  let seen = 0
  request.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen > limit) request.destroy()
  })
  request.resume()
}
