import { createRequire } from 'node:module'
import { isOrderServiceError } from '@orders/core'
import {
  MongoClientClosedError,
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoWriteConcernError,
} from 'mongodb'
import { describe, expect, it } from 'vitest'
import { asMongoError, asTransactionError } from '../src/errors.js'

// Two driver errors the package does not export: built from the driver's own classes.
const poolErrors = createRequire(import.meta.url)('mongodb/lib/cmap/errors.js') as {
  PoolClosedError: new (pool: { address: string }) => Error
  WaitQueueTimeoutError: new (message: string, address: string) => Error
}

const serverError = (code: number, codeName: string, errorLabels: string[] = [], errmsg = codeName) =>
  new MongoServerError({ ok: 0, code, codeName, errmsg, errorLabels })

const expectCode = (error: unknown, code: string) => {
  expect(isOrderServiceError(error, code as never), String(error)).toBe(true)
  expect((error as Error).message).toMatch(/^\[orders\] \[mongo\] /)
}

describe('driver errors meaning "the database cannot serve now" are DEPENDENCY_UNAVAILABLE', () => {
  const outages: [string, Error][] = [
    ['wait queue timeout', new poolErrors.WaitQueueTimeoutError('timed out', 'db:27017')],
    ['pool closed', new poolErrors.PoolClosedError({ address: 'db:27017' })],
    ['server closed', new MongoServerClosedError()],
    ['client closed', new MongoClientClosedError()],
    ['operation timeout (timeoutMS)', new MongoOperationTimeoutError('timed out')],
    ['network timeout', new MongoNetworkTimeoutError('socket timed out')],
    [
      'retryable write that failed again',
      serverError(11602, 'InterruptedDueToReplStateChange', ['RetryableWriteError']),
    ],
    ['not writable primary', serverError(10107, 'NotWritablePrimary')],
    ['primary stepped down', serverError(189, 'PrimarySteppedDown')],
    ['locked write past its maxTimeMS', serverError(50, 'MaxTimeMSExpired')],
    [
      'FerretDB whose PostgreSQL is down',
      serverError(
        1,
        'InternalError',
        [],
        'failed to connect to `host=127.0.0.1`: dial error (dial tcp 127.0.0.1:5432: connect: connection refused)',
      ),
    ],
    [
      'FerretDB whose SQLite file is locked',
      serverError(1, 'InternalError', [], 'database is locked (5) (SQLITE_BUSY)'),
    ],
  ]
  it.each(outages)('%s', (_, error) => {
    expectCode(asMongoError(error), 'DEPENDENCY_UNAVAILABLE')
  })

  // Regression: these answered 500. The driver retries a read once and then throws the server's error
  // unlabelled (only writes get `RetryableWriteError`), so its "not now" codes must be known here too.
  const missedOutages: [string, Error][] = [
    [
      'read retried once that failed again: majority read concern not available yet',
      serverError(134, 'ReadConcernMajorityNotAvailableYet'),
    ],
    ['legacy not-primary', serverError(10058, 'LegacyNotPrimary')],
    ['no server matching the read preference (mongos)', serverError(133, 'FailedToSatisfyReadPreference')],
    [
      'write concern timed out (replication lagging)',
      new MongoWriteConcernError({
        ok: 1,
        writeConcernError: {
          code: 64,
          codeName: 'WriteConcernFailed',
          errmsg: 'waiting for replication timed out',
        },
      }),
    ],
    [
      'FerretDB whose SQLite disk is full',
      serverError(1, 'InternalError', [], 'database or disk is full (13) (SQLITE_FULL)'),
    ],
    [
      'FerretDB whose PostgreSQL role hit the statement_timeout this README recommends',
      serverError(
        1,
        'InternalError',
        [],
        'ERROR: canceling statement due to statement timeout (SQLSTATE 57014)',
      ),
    ],
    [
      'FerretDB whose PostgreSQL is recovering',
      serverError(1, 'InternalError', [], 'FATAL: the database system is in recovery mode (SQLSTATE 57P03)'),
    ],
    [
      'FerretDB whose PostgreSQL connection was terminated',
      serverError(
        1,
        'InternalError',
        [],
        'FATAL: terminating connection due to administrator command (SQLSTATE 57P01)',
      ),
    ],
  ]
  it.each(missedOutages)('%s', (_, error) => {
    expectCode(asMongoError(error), 'DEPENDENCY_UNAVAILABLE')
  })

  it('leaves refused commands and bugs as they are', () => {
    for (const error of [
      serverError(2, 'BadValue'),
      serverError(1, 'InternalError', [], 'unexpected nil pointer'),
      new TypeError('x is undefined'),
    ]) {
      expect(asMongoError(error)).toBe(error)
    }
  })

  it('leaves errors labelled for a transaction retry to withTransaction, untouched', () => {
    const conflict = serverError(112, 'WriteConflict', ['TransientTransactionError'])
    const network = new MongoNetworkError('connection reset')
    network.addErrorLabel('TransientTransactionError')
    expect(asMongoError(conflict)).toBe(conflict)
    expect(asMongoError(network)).toBe(network)
  })
})

describe('what escapes withTransaction', () => {
  it('is CONCURRENT_UPDATE for a write conflict, which the caller may retry', () => {
    expectCode(
      asTransactionError(serverError(112, 'WriteConflict', ['TransientTransactionError'])),
      'CONCURRENT_UPDATE',
    )
  })

  it('is DEPENDENCY_UNAVAILABLE for any other transient or unknown-commit error', () => {
    const network = new MongoNetworkError('connection reset')
    network.addErrorLabel('TransientTransactionError')
    for (const error of [
      network,
      serverError(10107, 'NotWritablePrimary', ['TransientTransactionError']),
      serverError(11602, 'InterruptedDueToReplStateChange', ['TransientTransactionError']),
      serverError(91, 'ShutdownInProgress', ['UnknownTransactionCommitResult']),
      serverError(251, 'NoSuchTransaction', ['TransientTransactionError']),
    ]) {
      expectCode(asTransactionError(error), 'DEPENDENCY_UNAVAILABLE')
    }
  })

  it("passes the service's own errors and refused commands through", () => {
    const refused = serverError(2, 'BadValue')
    expect(asTransactionError(refused)).toBe(refused)
  })
})
