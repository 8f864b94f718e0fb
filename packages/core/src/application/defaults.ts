import type { Clock } from '../ports/clock.port.js'
import type { IdGenerator } from '../ports/id-generator.port.js'

export function systemClock(): Clock {
  return { now: () => new Date() }
}

/**
 * UUIDv7 ids (RFC 9562): time-ordered, so orders created later sort later. Within one process they are
 * strictly increasing even inside one millisecond: the 12-bit `rand_a` field is a counter (RFC 9562
 * §6.2, method 1), seeded at random each millisecond; on overflow, or if the clock steps back, the
 * timestamp moves on from the last one used. Uses the global Web Crypto API (Node 20+, browsers, Deno, Bun).
 */
export function uuidV7Ids(): IdGenerator {
  let lastMs = -1
  let counter = 0
  return {
    next() {
      const bytes = new Uint8Array(16)
      globalThis.crypto.getRandomValues(bytes)
      let ms = Date.now()
      if (ms > lastMs) {
        counter = ((bytes[6]! & 0x07) << 8) | bytes[7]! // 0..2047: room to count up within the ms
      } else {
        ms = lastMs
        counter += 1
        if (counter > 0xfff) {
          ms += 1
          counter = 0
        }
      }
      lastMs = ms
      for (let i = 5; i >= 0; i--) {
        bytes[i] = ms % 256
        ms = Math.floor(ms / 256)
      }
      bytes[6] = 0x70 | (counter >> 8)
      bytes[7] = counter & 0xff
      bytes[8] = (bytes[8]! & 0x3f) | 0x80
      const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    },
  }
}
