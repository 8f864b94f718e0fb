import type { IncomingMessage } from 'node:http'
import { OrderServiceError } from '@orders/core'
import { payloadTooLarge } from '@orders/http-common'

const EMPTY = new Uint8Array(0)
/** After a 413, up to this many times the limit is still read (and dropped) so the client sees the answer. */
const DRAIN_FACTOR = 16

/**
 * Reads a node request body, refusing with 413 as soon as more than `maxBytes` arrived. The rest of
 * an oversized body is drained (not parsed, up to a bound), so the client still reads the 413.
 */
export function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  if (request.readableEnded) return Promise.resolve(EMPTY)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = () => {
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onAbort)
      request.off('aborted', onAbort)
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
      reject(
        new OrderServiceError('MALFORMED_REQUEST', 'the request body was not received completely', { cause }),
      )
    }
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('error', onAbort)
    request.on('aborted', onAbort)
  })
}

/** Reads and drops the rest of a refused body; a client that keeps sending past `limit` is cut off. */
function discardRest(request: IncomingMessage, limit: number): void {
  let seen = 0
  request.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen > limit) request.destroy()
  })
  request.resume()
}
