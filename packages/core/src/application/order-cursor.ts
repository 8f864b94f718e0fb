import { OrderServiceError } from '../domain/errors.js'
import type { OrderCursor } from '../ports/order-repository.port.js'

/** Opaque page cursor: base64url of `[createdAt, id]`. */
export function encodeCursor(cursor: OrderCursor): string {
  const json = JSON.stringify([cursor.createdAt, cursor.id])
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

export function decodeCursor(value: string): OrderCursor {
  try {
    const binary = atob(value.replaceAll('-', '+').replaceAll('_', '/'))
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
    const parsed: unknown = JSON.parse(json)
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      isCanonicalTime(parsed[0]) &&
      typeof parsed[1] === 'string' &&
      parsed[1].length <= 64
    ) {
      return { createdAt: parsed[0], id: parsed[1] }
    }
  } catch {
    // fall through: any undecodable cursor is the same client error
  }
  throw new OrderServiceError('MALFORMED_REQUEST', 'invalid cursor', { details: { parameter: 'cursor' } })
}

/**
 * Only the form `encodeCursor` writes (`toISOString()`): the stores compare `createdAt` as a string, so
 * any other form Date.parse accepts ("2030", an offset, free text) would position the page arbitrarily.
 */
function isCanonicalTime(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const time = Date.parse(value)
  return !Number.isNaN(time) && new Date(time).toISOString() === value
}
