import { validationFailed } from './errors.js'

/** Input limits of DESIGN §5, shared by every transport. */
export const LIMITS = {
  idPattern: /^[A-Za-z0-9_.:-]{1,64}$/,
  maxQuantity: 999,
  maxCartLines: 100,
  maxOrderLines: 100,
  maxTextLength: 200,
  maxNoteLength: 1000,
  maxIdempotencyKeyLength: 255,
  maxPageSize: 100,
  defaultPageSize: 20,
} as const

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && LIMITS.idPattern.test(value)
}

export function assertId(value: unknown, path: string): asserts value is string {
  if (!isValidId(value)) {
    throw validationFailed([{ path, message: 'must be 1-64 letters, digits, "-", "_", "." or ":"' }])
  }
}

export function assertQuantity(value: unknown, path: string, min = 1): asserts value is number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > LIMITS.maxQuantity) {
    throw validationFailed([{ path, message: `must be an integer from ${min} to ${LIMITS.maxQuantity}` }])
  }
}
