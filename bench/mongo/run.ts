/**
 * MongoDB bench: one checkout's three writes (mark the cart, insert the order with its outbox, clear
 * the cart) through @orders/adapter-mongo versus the bare `mongodb` driver doing the same writes, at
 * 1 and 32 concurrent callers (each on its own cart). On FerretDB the adapter takes a per-document
 * write lock around each conditional write (its conditional updates are not atomic), so it also runs
 * with the locks off, to split the Mongoose/guard overhead from the locking cost. Not a test: figures
 * and ratios of one run, interleaved rounds, medians.
 *
 *   cd bench && node --import tsx mongo/run.ts      (MONGODB_URI=… to use another server;
 *                                                     BENCH_SECONDS=3 BENCH_ROUNDS=3)
 */
import { ensureMongoIndexes, isFerretDb } from '@orders/adapter-mongo'
import mongoose, { type Connection } from 'mongoose'
import { type RunningFerretDb, startFerretDb } from '../../tools/ferretdb/start-ferretdb.js'
import {
  adapterWrites,
  type CallerState,
  type CheckoutWrites,
  rawDriverWrites,
  seedCallers,
} from './checkout-writes.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONCURRENCY = [1, 32]

const ferret: RunningFerretDb | undefined = process.env.MONGODB_URI
  ? undefined
  : await startFerretDb({ log: () => {} })
const uri = process.env.MONGODB_URI ?? ferret!.uri
const connection = await mongoose.createConnection(uri, { dbName: 'admin', maxPoolSize: 40 }).asPromise()
const ferretdb = await isFerretDb(connection)
type Variant = { name: string; writes: (db: Connection) => CheckoutWrites }
const variants: Variant[] = [
  { name: 'raw mongodb driver', writes: (db) => rawDriverWrites(db.db!) },
  {
    name: 'adapter, write locks',
    writes: (db) => adapterWrites({ connection: db, writeLocks: 'on' }),
  },
  {
    name: 'adapter, no write locks',
    writes: (db) => adapterWrites({ connection: db, writeLocks: 'off' }),
  },
]

try {
  const results = new Map<string, number[]>()
  let cell = 0
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const concurrency of CONCURRENCY) {
      for (const variant of variants) {
        // a fresh database per measurement, so no case pays for the documents of the ones before it
        const db = connection.useDb(`orders_bench_${process.pid}_${++cell}`, { useCache: false })
        await ensureMongoIndexes(db)
        const callers = await seedCallers(db, 'caller', concurrency)
        const rate = await measure(variant.writes(db), callers)
        await db.dropDatabase()
        const key = `${variant.name}|${concurrency}`
        results.set(key, [...(results.get(key) ?? []), rate])
      }
    }
  }
  print(
    results,
    variants.map((v) => v.name),
    ferretdb ? `FerretDB at ${uri}` : uri,
  )
} finally {
  await connection.close()
  await ferret?.stop()
}

/** Checkouts per second: each caller loops over its own cart for SECONDS. */
async function measure(writes: CheckoutWrites, callers: CallerState[]): Promise<number> {
  const deadline = performance.now() + SECONDS * 1000
  let done = 0
  await Promise.all(
    callers.map(async (caller) => {
      while (performance.now() < deadline) {
        await writes(caller)
        done += 1
      }
    }),
  )
  return done / SECONDS
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function print(results: Map<string, number[]>, names: string[], server: string): void {
  console.log(`checkout writes (mark + insert order + clear) on ${server}`)
  console.log(`${ROUNDS} interleaved rounds x ${SECONDS} s per case, a fresh database per case; medians`)
  for (const concurrency of CONCURRENCY) {
    const raw = median(results.get(`${names[0]}|${concurrency}`)!)
    console.log(`\n${concurrency} concurrent caller(s), each on its own cart`)
    for (const name of names) {
      const rounds = results.get(`${name}|${concurrency}`)!
      const rate = median(rounds)
      console.log(
        `  ${name.padEnd(28)} ${rate.toFixed(0).padStart(5)} checkouts/s  ${(rate / raw).toFixed(2)} x raw  (rounds: ${rounds.map((r) => r.toFixed(0)).join(', ')})`,
      )
    }
  }
}
