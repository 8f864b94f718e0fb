import { dependencyUnavailable, isOrderServiceError, OrderServiceError } from '@orders/core'

const DUPLICATE_KEY = 11000
const WRITE_CONFLICT = 112

/** True for E11000 (a unique index refused the write). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY
}

/** Driver and Mongoose errors (by `name`: the classes may come from another copy of the driver). */
const UNAVAILABLE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoExpiredSessionError',
  'MongoWaitQueueTimeoutError',
  'MongoServerClosedError',
  'MongoPoolClosedError',
  'MongoClientClosedError',
  'MongoOperationTimeoutError',
])

/**
 * Server codes meaning "not now" rather than "no": no primary, shutting down, unreachable, out of time
 * (`MaxTimeMSExpired` included: a locked write past its bound fails instead of landing late).
 */
const UNAVAILABLE_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  64, // WriteConcernFailed / WriteConcernTimeout: replication lagging, outcome unknown
  89, // NetworkTimeout
  91, // ShutdownInProgress
  133, // FailedToSatisfyReadPreference (mongos: no eligible member)
  134, // ReadConcernMajorityNotAvailableYet
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10058, // LegacyNotPrimary
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
])

/**
 * FerretDB answers `InternalError` with its backend's message when its storage is unreachable, full, or
 * (PostgreSQL) recovering, terminating sessions or past the `statement_timeout` the README recommends.
 */
const BACKEND_DOWN =
  /connection refused|failed to connect|dial tcp|connect: |broken pipe|connection reset|database is locked|unable to open database|disk I\/O error|database or disk is full|too many clients|remaining connection slots|the database system is (?:starting up|shutting down|in recovery mode)|terminating connection|canceling statement due to statement timeout|pool closed|closed pool/i

/** The error's labels (`hasErrorLabel` of the driver, or a plain `errorLabels` array). */
export function hasErrorLabel(error: unknown, label: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as { hasErrorLabel?: unknown; errorLabels?: unknown }
  if (typeof e.hasErrorLabel === 'function' && (e.hasErrorLabel as (l: string) => boolean).call(error, label))
    return true
  return Array.isArray(e.errorLabels) && e.errorLabels.includes(label)
}

const codeOf = (error: Error) => (error as { code?: unknown }).code

/** A lost or refused connection, or a server that cannot serve now, as opposed to a refused command. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (UNAVAILABLE_NAMES.has(error.name)) return true
  if (hasErrorLabel(error, 'ResetPool') || hasErrorLabel(error, 'RetryableWriteError')) return true
  const code = codeOf(error)
  if (typeof code === 'number' && UNAVAILABLE_CODES.has(code)) return true
  if (code === 1 && BACKEND_DOWN.test(error.message)) return true // FerretDB InternalError
  // Mongoose, when it buffers commands on a disconnected connection
  return /buffering timed out|before initial connection is complete|Client must be connected|\bnot connected\b|connection .* closed|ECONNREFUSED/i.test(
    error.message,
  )
}

/** Labels `withTransaction` retries on: such an error must reach it as the driver threw it. */
function isForTransactionRetry(error: unknown): boolean {
  return (
    hasErrorLabel(error, 'TransientTransactionError') ||
    hasErrorLabel(error, 'UnknownTransactionCommitResult')
  )
}

/**
 * Our own errors pass through; connection failures become DEPENDENCY_UNAVAILABLE (`[orders] [mongo] …`);
 * anything else (a bug or a refused command) is rethrown as it is. Errors labelled for a transaction
 * retry are left as they are, so that `withTransaction` sees the label (the unit of work maps them
 * with {@link asTransactionError} once it gives up); the server only labels errors inside transactions.
 */
export function asMongoError(error: unknown): unknown {
  if (isOrderServiceError(error)) return error
  if (isForTransactionRetry(error)) return error
  if (isConnectionError(error)) return dependencyUnavailable('mongo', error)
  return error
}

/**
 * What escapes `withTransaction` (it retries transient errors until its time limit): a write
 * conflict is CONCURRENT_UPDATE (409, "try again", as the core answers lost races it gave up on);
 * any other transient or unknown-commit error is DEPENDENCY_UNAVAILABLE; the rest as {@link asMongoError}.
 */
export function asTransactionError(error: unknown): unknown {
  if (isOrderServiceError(error)) return error
  const codeName = (error as { codeName?: unknown } | null)?.codeName
  if (error instanceof Error && (codeOf(error) === WRITE_CONFLICT || codeName === 'WriteConflict')) {
    return new OrderServiceError('CONCURRENT_UPDATE', `[orders] [mongo] transaction write conflict`, {
      cause: error,
    })
  }
  if (isForTransactionRetry(error)) return dependencyUnavailable('mongo', error)
  return asMongoError(error)
}

/** Runs a driver call and maps its failure with {@link asMongoError}. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw asMongoError(error)
  }
}
