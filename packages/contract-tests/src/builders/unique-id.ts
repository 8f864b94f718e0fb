import { randomBytes } from 'node:crypto'

/** `${prefix}-<12 random hex>`: a valid id (letters, digits, `-`), unique across runs sharing a store. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`
}
