import { describe, expect, it } from 'vitest'
import {
  decideTransactionMode,
  detectTransactionMode,
  helloAllowsTransactions,
  probeTransaction,
} from '../src/index.js'
import { HELLO } from './fixtures/hello-answers.js'
import { mongodbUri, useTestDatabase } from './support/database.js'

const probeCommits = async () => true
const probeFails = async () => false

describe('transaction mode detection (DESIGN §4)', () => {
  it('reads a replica set from setName and a mongos from msg isdbgrid', () => {
    expect(helloAllowsTransactions(HELLO.mongodbReplicaSetPrimary)).toBe(true)
    expect(helloAllowsTransactions(HELLO.mongos)).toBe(true)
    expect(helloAllowsTransactions(HELLO.mongodbStandalone)).toBe(false)
    expect(helloAllowsTransactions(HELLO.ferretdb)).toBe(false)
    expect(helloAllowsTransactions(HELLO.ferretdbWithReplicaSetName)).toBe(true)
    expect(helloAllowsTransactions({ setName: '' })).toBe(false)
  })

  it('is transactional only when hello allows it AND the probe transaction commits', async () => {
    expect(await decideTransactionMode(HELLO.mongodbReplicaSetPrimary, probeCommits)).toBe('transactional')
    expect(await decideTransactionMode(HELLO.mongos, probeCommits)).toBe('transactional')
    expect(await decideTransactionMode(HELLO.mongodbReplicaSetPrimary, probeFails)).toBe('single-document')
    expect(await decideTransactionMode(HELLO.ferretdbWithReplicaSetName, probeFails)).toBe('single-document')
  })

  it('never probes a server whose hello rules transactions out', async () => {
    let probed = 0
    const probe = async () => {
      probed += 1
      return true
    }
    expect(await decideTransactionMode(HELLO.mongodbStandalone, probe)).toBe('single-document')
    expect(await decideTransactionMode(HELLO.ferretdb, probe)).toBe('single-document')
    expect(probed).toBe(0)
  })
})

describe.skipIf(!mongodbUri)('transaction mode against the test server', () => {
  const db = useTestDatabase('txn')

  it('finds no transactions on FerretDB, even when its hello claims a replica set', async ({ skip }) => {
    if (process.env.MONGODB_URI) skip('MONGODB_URI points at another server')
    expect(await probeTransaction(db.connection)).toBe(false)
    expect(
      await decideTransactionMode(HELLO.ferretdbWithReplicaSetName, () => probeTransaction(db.connection)),
    ).toBe('single-document')
    expect(await detectTransactionMode(db.connection)).toBe('single-document')
  })
})
