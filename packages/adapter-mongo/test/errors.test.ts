import { createRequire } from 'node:module'
import { isOrderServiceError } from '@orders/core'
import {
  MongoClientClosedError,
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
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
