/**
 * Product events ingested per second: through the adapter's consumer (schema validation, the core's
 * version-guarded product sync into the in-memory store, ack) versus a raw amqplib consume-and-ack loop on the
 * same quorum queue, filled with the same messages. Interleaved rounds in one run; prints medians and the ratio.
 * Not a test: it asserts nothing.
 *
 *   cd bench && node --import tsx amqp/run.ts        (AMQP_URL overrides amqp://guest:guest@127.0.0.1:5672)
 */
import { randomBytes, randomUUID } from 'node:crypto'
import {
  amqpConnection,
  amqpProductEventsConsumer,
  assertProductEventsTopology,
  productEventsQueueDeclarations,
  productEventsTopology,
} from '@orders/adapter-amqp'
import { createOrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import { type Channel, connect } from 'amqplib'

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
const EVENTS = 10_000
const PRODUCTS = 1_000
const PREFETCH = 50
const ROUNDS = 3

const prefix = `bench.amqp.${randomBytes(4).toString('hex')}`
const topology = productEventsTopology({
  exchange: `${prefix}.product.events`,
  queue: `${prefix}.product-events`,
})
const model = await connect(AMQP_URL)
const admin = await model.createConfirmChannel()
await assertProductEventsTopology(admin, topology)

/** EVENTS product events: PRODUCTS products, each with EVENTS / PRODUCTS increasing versions. */
const bodies = Array.from({ length: EVENTS }, (_, i) => {
  const productId = `bench-product-${i % PRODUCTS}`
  const version = Math.floor(i / PRODUCTS) + 1
  return Buffer.from(
    JSON.stringify({
      id: randomUUID(),
      type: 'product.updated',
      source: 'product-service',
      time: new Date().toISOString(),
      subject: productId,
      dataVersion: '1',
      data: {
        productId,
        name: `Product ${i} v${version}`,
        price: { amount: 100 + i, currency: 'EUR' },
        available: true,
        stock: i % 50,
        version,
      },
    }),
  )
})

async function fill(): Promise<void> {
  for (let i = 0; i < bodies.length; i++) {
    admin.publish(topology.exchange, 'product.updated', bodies[i]!, {
      persistent: true,
      contentType: 'application/json',
    })
    if (i % 1000 === 999) await admin.waitForConfirms()
  }
  await admin.waitForConfirms()
}

/** Raw amqplib: consume with the same prefetch and ack each message, nothing else. */
async function rawLoop(): Promise<number> {
  const channel: Channel = await model.createChannel()
  await channel.prefetch(PREFETCH)
  let acked = 0
  const started = performance.now()
  const done = new Promise<void>((resolve) => {
    void channel.consume(topology.queue, (message) => {
      if (!message) return
      channel.ack(message)
      if (++acked === EVENTS) resolve()
    })
  })
  await done
  const seconds = (performance.now() - started) / 1000
  await channel.close()
  return EVENTS / seconds
}

/** The adapter's consumer applying into the core's in-memory product store. */
async function adapterConsumer(): Promise<number> {
  const service = createOrderService(inMemoryAdapters())
  const connection = amqpConnection({ url: AMQP_URL, name: `${prefix}-consumer` })
  let settled = 0
  let resolveDone!: () => void
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve
  })
  const consumer = amqpProductEventsConsumer({
    connection,
    products: service.products,
    topology: { exchange: topology.exchange, queue: topology.queue },
    prefetch: PREFETCH,
    onCount: (counter) => {
      if (
        (counter === 'applied' || counter === 'ignored' || counter === 'dead_lettered') &&
        ++settled === EVENTS
      )
        resolveDone()
    },
  })
  const started = performance.now()
  await consumer.start()
  await done
  const seconds = (performance.now() - started) / 1000
  await connection.close()
  const stored = await service.context.products.getMany([`bench-product-${PRODUCTS - 1}`])
  if (stored[0]?.version !== EVENTS / PRODUCTS)
    throw new Error('bench: the store did not end at the last version')
  return EVENTS / seconds
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!
const raw: number[] = []
const ours: number[] = []
try {
  console.log(
    `amqp bench: ${EVENTS} product events per run, prefetch ${PREFETCH}, quorum queue, ${ROUNDS} rounds`,
  )
  for (let round = 1; round <= ROUNDS; round++) {
    await fill()
    raw.push(await rawLoop())
    await fill()
    ours.push(await adapterConsumer())
    console.log(
      `round ${round}: raw consume+ack ${raw.at(-1)!.toFixed(0)} msg/s, adapter consumer ${ours.at(-1)!.toFixed(0)} msg/s`,
    )
  }
  const [r, o] = [median(raw), median(ours)]
  console.log(`median raw amqplib consume+ack:            ${r.toFixed(0)} msg/s`)
  console.log(`median adapter consumer (validate+apply):  ${o.toFixed(0)} msg/s`)
  console.log(`ratio adapter / raw: ${(o / r).toFixed(2)}x`)
} finally {
  for (const { name } of productEventsQueueDeclarations(topology))
    await admin.deleteQueue(name).catch(() => {})
  await admin.deleteExchange(topology.exchange).catch(() => {})
  await model.close()
}
