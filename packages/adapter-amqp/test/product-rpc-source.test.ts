import { aProductData, describeProductSourceContract } from '@orders/contract-tests'
import { isOrderServiceError } from '@orders/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type AmqpConnection,
  amqpConnection,
  amqpProductSource,
  type ProductRpcSource,
} from '../src/index.js'
import { AMQP_URL, BrokerFixture, brokerAvailable, eventually, uniqueNames } from './support/broker.js'
import { ProductResponder } from './support/product-responder.js'

const broker = await brokerAvailable()
const prefix = uniqueNames('rpc')
const queue = `${prefix}.product.rpc`

const unavailable = (error: unknown) => isOrderServiceError(error, 'DEPENDENCY_UNAVAILABLE')

describe.skipIf(!broker)('product RPC source', () => {
  let fixture: BrokerFixture
  let connection: AmqpConnection
  let responder: ProductResponder
  let source: ProductRpcSource
  let lateReplies = 0

  beforeAll(async () => {
    fixture = await BrokerFixture.open()
    responder = await ProductResponder.serve(fixture, queue)
    connection = amqpConnection({ url: AMQP_URL, name: prefix })
    source = amqpProductSource({ connection, queue, timeoutMs: 2000, onLateReply: () => lateReplies++ })
    await source.start()
  })
  beforeEach(() => {
    responder.delayMs = 0
    responder.reply = undefined
  })
  afterAll(async () => {
    await connection?.close()
    await fixture?.cleanup()
  })

  describeProductSourceContract({
    name: 'amqp-rpc',
    create: ({ catalog }) => {
      responder.catalog = new Map(catalog.map((p) => [p.productId, p]))
      return source
    },
  })

  it('sends requests that follow product-rpc-request.schema.json', () => {
    expect(responder.requests).toBeGreaterThan(0)
    expect(responder.invalidRequests).toEqual([])
  })

  it('times out with DEPENDENCY_UNAVAILABLE and ignores the late reply', async () => {
    const product = aProductData()
    responder.catalog.set(product.productId, product)
    const quick = amqpProductSource({ connection, queue, timeoutMs: 150, onLateReply: () => lateReplies++ })
    await quick.start()
    responder.delayMs = 1000
    const late = lateReplies

    const started = Date.now()
    const error = await quick.fetch([product.productId]).catch((e: unknown) => e)
    expect(unavailable(error)).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(Date.now() - started).toBeLessThan(900)

    expect(await eventually(() => lateReplies === late + 1, 3000)).toBe(true)
    responder.delayMs = 0
    expect(await quick.fetch([product.productId])).toEqual({ products: [product], missing: [] })
    await quick.stop()
  })

  it('fails fast (mandatory, returned) when no responder queue exists', async () => {
    const orphan = amqpProductSource({ connection, queue: `${prefix}.nobody-home`, timeoutMs: 2000 })
    await orphan.start()
    const started = Date.now()
    const error = await orphan.fetch([aProductData().productId]).catch((e: unknown) => e)
    expect(unavailable(error)).toBe(true)
    expect(String((error as Error).message)).toContain('no responder')
    expect(Date.now() - started).toBeLessThan(1000)
    await orphan.stop()
  })

  it('rejects a reply that breaks the contract or forgets an id', async () => {
    const [a, b] = [aProductData(), aProductData()]
    responder.reply = () => ({ products: [{ ...a, price: { amount: '12', currency: 'EUR' } }], missing: [] })
    expect(unavailable(await source.fetch([a.productId]).catch((e: unknown) => e))).toBe(true)

    responder.reply = () => ({ products: [a], missing: [] })
    const error = await source.fetch([a.productId, b.productId]).catch((e: unknown) => e)
    expect(unavailable(error)).toBe(true)
    expect(String((error as Error).message)).toContain(`no answer for ${b.productId}`)
  })

  it('answers concurrent requests each with its own reply (correlation ids)', async () => {
    const products = Array.from({ length: 20 }, () => aProductData())
    for (const p of products) responder.catalog.set(p.productId, p)
    const results = await Promise.all(products.map((p) => source.fetch([p.productId])))
    expect(results).toEqual(products.map((p) => ({ products: [p], missing: [] })))
  })

  it('fails at once with DEPENDENCY_UNAVAILABLE before it is started', async () => {
    const idle = amqpProductSource({ connection, queue })
    expect(unavailable(await idle.fetch(['p-1']).catch((e: unknown) => e))).toBe(true)
  })
})
