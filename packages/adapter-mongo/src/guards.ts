import { validationFailed } from '@orders/core'

/**
 * Rejects anything but a plain string before it reaches a query: `{ "$gt": "" }` or an array in an
 * id position would otherwise run as an operator. (Mongoose's `sanitizeFilter` and schema casting
 * are the second line; this one fails fast with the core's VALIDATION_FAILED.)
 */
export function assertPlainString(value: unknown, path: string): asserts value is string {
  if (typeof value !== 'string') {
    throw validationFailed([{ path, message: `must be a string, got ${describe(value)}` }])
  }
}

/** Rejects object keys that MongoDB would read as operators (`$…`) or paths (`a.b`), at any depth. */
export function assertSafeKeys(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      assertSafeKeys(item, `${path}[${i}]`)
    })
    return
  }
  if (value === null || typeof value !== 'object') return
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$') || key.includes('.')) {
      throw validationFailed([{ path: `${path}.${key}`, message: 'keys must not start with $ or contain .' }])
    }
    assertSafeKeys(child, `${path}.${key}`)
  }
}

/** Rejects a non-integer where a version or limit is expected. */
export function assertInteger(value: unknown, path: string): asserts value is number {
  if (!Number.isSafeInteger(value)) {
    throw validationFailed([{ path, message: `must be an integer, got ${describe(value)}` }])
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}
