import { z } from 'zod'

/**
 * Field builders for environment variables. Every value arrives as a string; an empty string counts
 * as unset (a `.env` line like `REDIS_URL=`). Messages say what a valid value looks like.
 */
const unsetIfEmpty = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

export function intField(options: { min: number; max: number; default: number }) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, { error: `must be an integer between ${options.min} and ${options.max}` })
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(options.min, { error: `must be at least ${options.min}` })
          .max(options.max, { error: `must be at most ${options.max}` }),
      )
      .optional()
      .transform((value) => value ?? options.default),
  )
}

/** Without a fallback an unset value stays undefined (the caller derives it). */
export function booleanField<F extends boolean | undefined = undefined>(fallback?: F) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .optional()
      .transform(
        (value) => (value === undefined ? fallback : value === 'true' || value === '1') as boolean | F,
      ),
  )
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .enum(values, { error: `must be one of ${values.join(', ')}` })
      .optional()
      .transform((value) => value ?? fallback),
  )
}

export function urlField(protocols: readonly string[]) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((value) => protocols.includes(protocolOf(value) ?? ''), {
        error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      })
      .optional(),
  )
}

export function stringField(options: { default?: string; pattern?: RegExp; description?: string } = {}) {
  const base = options.pattern
    ? z.string().regex(options.pattern, { error: `must be ${options.description ?? 'valid'}` })
    : z.string()
  return z.preprocess(
    unsetIfEmpty,
    base.optional().transform((value) => value ?? options.default),
  )
}

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol
  } catch {
    return undefined
  }
}
