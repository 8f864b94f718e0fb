/**
 * Redis Cluster hash slots (CRC16-XMODEM of the key, or of its `{hash tag}`, modulo 16384), computed here so a
 * batch can be split per node without depending on ioredis internals.
 */
export const CLUSTER_SLOTS = 16384

const CRC16_TABLE = buildTable()

function buildTable(): Uint16Array {
  const table = new Uint16Array(256)
  for (let byte = 0; byte < 256; byte += 1) {
    let crc = byte << 8
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1
    table[byte] = crc & 0xffff
  }
  return table
}

function crc16(bytes: Uint8Array): number {
  let crc = 0
  for (const byte of bytes) crc = ((crc << 8) ^ CRC16_TABLE[((crc >> 8) ^ byte) & 0xff]!) & 0xffff
  return crc
}

/** The part of a key Redis hashes: the content of the first non-empty `{...}`, else the whole key. */
function hashedPart(key: string): string {
  const open = key.indexOf('{')
  if (open === -1) return key
  const close = key.indexOf('}', open + 1)
  if (close === -1 || close === open + 1) return key
  return key.slice(open + 1, close)
}

/** The hash slot of `key`, as `CLUSTER KEYSLOT` answers it. */
export function clusterSlot(key: string): number {
  return crc16(Buffer.from(hashedPart(key), 'utf8')) % CLUSTER_SLOTS
}
