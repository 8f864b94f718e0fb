const VISIBLE_ASCII = /^[\x21-\x7e]{1,128}$/
const IDS_PER_BATCH = 1024
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
/** A random version 4 UUID without its last 12 hex digits: 74 random bits per batch of ids. */
let prefix = ''
/** 12 random hex digits per id of the batch, drawn in one go. */
let suffixes = ''
let next = IDS_PER_BATCH

/**
 * The caller's `X-Request-Id` when it is 1-128 visible ASCII characters, else a fresh random id in
 * version 4 UUID form. Random bytes are drawn for 1,024 ids at a time: `crypto.randomUUID()` allocates
 * ~0.5 KB of intermediate strings per call.
 */
export function requestIdOf(header: string | undefined): string {
  if (header !== undefined && VISIBLE_ASCII.test(header)) return header
  if (next === IDS_PER_BATCH) refill()
  const start = next++ * 12
  return prefix + suffixes.slice(start, start + 12)
}

function refill(): void {
  prefix = crypto.randomUUID().slice(0, 24)
  const bytes = crypto.getRandomValues(new Uint8Array(IDS_PER_BATCH * 6))
  const parts: string[] = new Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX[bytes[i]!]!
  suffixes = parts.join('')
  next = 0
}
