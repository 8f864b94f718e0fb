import { isIP } from 'node:net'
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

/**
 * A URL with one of `protocols`. `several: 'hosts'` allows a comma-separated host list in the authority, as
 * MongoDB connection strings have (`mongodb://m1:27017,m2:27017/db`); `several: 'urls'` a comma-separated
 * list of whole URLs (Redis Cluster seeds). WHATWG URL parses neither, so each host or URL is checked alone.
 */
export function urlField(protocols: readonly string[], options: { several?: 'hosts' | 'urls' } = {}) {
  const parts = (value: string) =>
    options.several === 'hosts' ? eachHost(value) : options.several === 'urls' ? value.split(',') : [value]
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((value) => parts(value).every((part) => protocols.includes(protocolOf(part.trim()) ?? '')), {
        error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      })
      .optional(),
  )
}

/** Where to listen: a host name or an IP address (a port or a scheme here would only fail at listen). */
export function hostField(fallback: string) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((value) => isIP(value) !== 0 || HOST_NAME.test(value), {
        error: 'must be a host name or an IP address, without scheme or port (e.g. 0.0.0.0 or ::)',
      })
      .optional()
      .transform((value) => value ?? fallback),
  )
}

const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/

export function stringField(options: { default?: string; pattern?: RegExp; description?: string } = {}) {
  const base = options.pattern
    ? z.string().regex(options.pattern, { error: `must be ${options.description ?? 'valid'}` })
    : z.string()
  return z.preprocess(
    unsetIfEmpty,
    base.optional().transform((value) => value ?? options.default),
  )
}

/** `scheme://user@a:1,b:2/db?x` -> `scheme://user@a:1/db?x`, `scheme://user@b:2/db?x`. */
function eachHost(value: string): string[] {
  const match = /^([^:/?#]+:\/\/)([^/?#]*)(.*)$/s.exec(value)
  if (!match) return [value]
  const [, scheme = '', authority = '', rest = ''] = match
  const userinfo = authority.slice(0, authority.lastIndexOf('@') + 1)
  return authority
    .slice(userinfo.length)
    .split(',')
    .map((host) => `${scheme}${userinfo}${host}${rest}`)
}

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol
  } catch {
    return undefined
  }
}
