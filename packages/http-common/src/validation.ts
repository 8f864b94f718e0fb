import { type FieldError, OrderServiceError, validationFailed } from '@orders/core'
import type { z } from 'zod'

/** zod issues as the `errors` of a problem: one entry per failing field, dotted paths (`lines.0.quantity`). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], unknown = 'unknown field'): FieldError[] {
  const errors: FieldError[] = []
  for (const issue of issues) {
    const path = issue.path.join('.')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: path ? `${path}.${key}` : key, message: unknown })
    } else {
      errors.push({ path, message: issue.message })
    }
  }
  return errors
}

/** A JSON body that breaks its schema: 422 VALIDATION_FAILED. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value)
  if (!result.success) throw validationFailed(fieldErrors(result.error.issues))
  return result.data
}

/** An invalid path or query parameter: 400 MALFORMED_REQUEST, naming the parameters. */
export function parseParameters<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value)
  if (!result.success) {
    const errors = fieldErrors(result.error.issues, 'unknown parameter')
    throw new OrderServiceError(
      'MALFORMED_REQUEST',
      `invalid ${where} parameter${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      { details: { errors } },
    )
  }
  return result.data
}
