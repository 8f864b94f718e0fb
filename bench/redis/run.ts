/**
 * Product lookups for a 20-line cart: through the Redis product cache (getMany), as a raw ioredis MGET of the
 * same keys (the bare baseline), as 20 single cache gets, and from the durable replica (MongoDB adapter on
 * FerretDB, and the in-memory one). Same run, interleaved rounds; prints medians and ratios against the raw
 * MGET. Not a test: it asserts nothing.
 *
 *   cd bench && node --import tsx redis/run.ts
 *   (REDIS_URL overrides redis://127.0.0.1:6379; MONGODB_URI overrides the FerretDB this starts)
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { ensureMongoIndexes, mongoProductRepository } from '@orders/adapter-mongo'
import { createRedisClient, redisProductCache } from '@orders/adapter-redis'
import type { ProductRepository, ProductState } from '@orders/core'
import { inMemoryProductRepository } from '@orders/core/testing'
import mongoose from 'mongoose'
import { type RunningFerretDb, startFerretDb } from '../../tools/ferretdb/start-ferretdb.js'
import { type Figures, measure, medianFigures } from './measure.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const CATALOG_SIZE = 2000
const CART_LINES = 20
const ROUNDS = 5
const DURATION_MS = 1000
const MODES = [
  { name: 'sequential', concurrency: 1 },
  { name: '32 in flight', concurrency: 32 },
] as const

const keyPrefix = `orders-bench:${randomBytes(4).toString('hex')}:`
const client = createRedisClient(REDIS_URL, { commandTimeoutMs: 2000 })
await once(client, 'ready')
const cache = redisProductCache({ client, keyPrefix, ttlSeconds: 600, commandTimeoutMs: 2000 })
/** The durable replica: the MongoDB adapter (on FerretDB unless MONGODB_URI is set), and the in-memory one. */
const ferret: RunningFerretDb | undefined = process.env.MONGODB_URI
  ? undefined
  : await startFerretDb({ log: () => {} })
const mongoUri = process.env.MONGODB_URI ?? ferret!.uri
const connection = await mongoose
  .createConnection(mongoUri, { dbName: `orders_bench_redis_${process.pid}`, bufferCommands: false })
  .asPromise()
await ensureMongoIndexes(connection)
const mongoReplica: ProductRepository = mongoProductRepository({ connection })
const replica: ProductRepository = inMemoryProductRepository()

const catalog: ProductState[] = Array.from({ length: CATALOG_SIZE }, (_, i) => ({
  productId: `bench-product-${i}`,
  name: `Bench product ${i} with a realistic, longer name`,
  price: { amount: 199 + i, currency: 'EUR' },
  available: i % 17 !== 0,
  stock: i % 40,
  version: 1 + (i % 5),
  deleted: false,
}))
for (const state of catalog) {
  await Promise.all([cache.set(state), replica.upsert(state), mongoReplica.upsert(state)])
}

const aCart = () =>
  Array.from({ length: CART_LINES }, () => catalog[Math.floor(Math.random() * CATALOG_SIZE)]!.productId)
const entryKey = (productId: string) => `${keyPrefix}product:v1:${productId}`
const expectAll = (found: unknown[], what: string) => {
  if (found.length < 1) throw new Error(`${what} found nothing: the bench is misconfigured`)
}

const variants: Record<string, () => Promise<unknown>> = {
  'raw ioredis MGET (baseline)': async () => expectAll(await client.mget(aCart().map(entryKey)), 'MGET'),
  'cache.getMany (decoded)': async () => expectAll(await cache.getMany(aCart()), 'getMany'),
  '20 x cache.get in parallel': async () =>
    expectAll(await Promise.all(aCart().map((id) => cache.get(id))), 'get'),
  'replica.getMany (MongoDB)': async () => expectAll(await mongoReplica.getMany(aCart()), 'mongo replica'),
  'replica.getMany (in-memory)': async () => expectAll(await replica.getMany(aCart()), 'replica'),
}

const results = new Map<string, Figures[]>()
for (let round = 0; round < ROUNDS; round += 1) {
  for (const mode of MODES) {
    for (const [name, operation] of Object.entries(variants)) {
      const key = `${mode.name}|${name}`
      const figures = await measure(operation, { durationMs: DURATION_MS, concurrency: mode.concurrency })
      results.set(key, [...(results.get(key) ?? []), figures])
    }
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits })
console.log(`Redis product cache bench: ${CART_LINES}-line carts, ${CATALOG_SIZE} products, ${REDIS_URL}`)
console.log(
  `median of ${ROUNDS} interleaved rounds of ${DURATION_MS} ms; ratio = cart lookups/s vs raw MGET\n`,
)
for (const mode of MODES) {
  console.log(`${mode.name}:`)
  const baseline = medianFigures(results.get(`${mode.name}|raw ioredis MGET (baseline)`)!).opsPerSecond
  for (const name of Object.keys(variants)) {
    const f = medianFigures(results.get(`${mode.name}|${name}`)!)
    const r = f.opsPerSecond / baseline
    const ratio = `${r < 0.1 ? r.toPrecision(2) : r.toFixed(2)} x`
    console.log(
      `  ${name.padEnd(30)} ${fmt(f.opsPerSecond).padStart(9)} carts/s  p50 ${fmt(f.p50Ms, 3).padStart(6)} ms  p99 ${fmt(f.p99Ms, 3).padStart(6)} ms  ${ratio.padStart(8)}`,
    )
  }
}
console.log(
  `\nMongoDB replica: ${ferret ? 'FerretDB v1.24.2 (SQLite backend), started by this bench' : mongoUri}`,
)

let cursor = '0'
do {
  const [next, keys] = await client.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000)
  cursor = next
  if (keys.length > 0) await client.unlink(...keys)
} while (cursor !== '0')
await client.quit()
await connection.dropDatabase()
await connection.close()
await ferret?.stop()
