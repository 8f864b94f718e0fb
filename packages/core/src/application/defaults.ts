import type { Clock } from '../ports/clock.port.js'
import type { IdGenerator } from '../ports/id-generator.port.js'

export function systemClock(): Clock {
  return { now: () => new Date() }
}

/**
 * UUIDv7 ids (RFC 9562): time-ordered, so orders created later sort later.
 * Uses the global Web Crypto API (Node 20+, browsers, Deno, Bun).
 */
export function uuidV7Ids(): IdGenerator {
  return {
    next() {
      const bytes = new Uint8Array(16)
      globalThis.crypto.getRandomValues(bytes)
      let ms = Date.now()
      for (let i = 5; i >= 0; i--) {
        bytes[i] = ms % 256
        ms = Math.floor(ms / 256)
      }
      bytes[6] = (bytes[6]! & 0x0f) | 0x70
      bytes[8] = (bytes[8]! & 0x3f) | 0x80
      const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    },
  }
}
