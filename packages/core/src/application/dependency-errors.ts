import { dependencyUnavailable, isOrderServiceError, type OrderServiceError } from '../domain/errors.js'

/** Keeps our own errors as they are and turns anything else from a dependency into a 503. */
export function asDependencyError(where: string, error: unknown): OrderServiceError {
  return isOrderServiceError(error) ? error : dependencyUnavailable(where, error)
}
