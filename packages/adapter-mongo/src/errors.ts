import { dependencyUnavailable, isOrderServiceError } from '@orders/core'

const DUPLICATE_KEY = 11000

/** True for E11000 (a unique index refused the write). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY
}

const UNAVAILABLE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoExpiredSessionError',
])

/** A lost or refused connection (driver or Mongoose), as opposed to a refused command. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (UNAVAILABLE_NAMES.has(error.name)) return true
  const labels = (error as { errorLabels?: unknown }).errorLabels
  if (Array.isArray(labels) && labels.includes('ResetPool')) return true
  // Mongoose, when it buffers commands on a disconnected connection
  return /buffering timed out|before initial connection is complete|Client must be connected|\bnot connected\b|connection .* closed|ECONNREFUSED/i.test(
    error.message,
  )
}

/**
 * Our own errors pass through; connection failures become DEPENDENCY_UNAVAILABLE (`[orders] [mongo] …`);
 * anything else (a bug or a refused command) is rethrown as it is.
 */
export function asMongoError(error: unknown): unknown {
  if (isOrderServiceError(error)) return error
  if (isConnectionError(error)) return dependencyUnavailable('mongo', error)
  return error
}

/** Runs a driver call and maps its failure with {@link asMongoError}. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw asMongoError(error)
  }
}
