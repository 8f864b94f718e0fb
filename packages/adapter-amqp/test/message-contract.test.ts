import { readdirSync, readFileSync } from 'node:fs'
import { anOrder, anOutboxEvent, aProductData } from '@orders/contract-tests'
import { toEnvelope } from '@orders/core'
import { describe, expect, it } from 'vitest'
import { readOrderEvent, readProductEvent, readProductRpcReply, readProductRpcRequest } from '../src/index.js'
import { aProductDeletedEvent, aProductEvent } from './support/product-events.js'

const json = (value: unknown) => JSON.stringify(value)
const reasonOf = (result: { ok: boolean; reason?: string }) => (result.ok ? 'valid' : result.reason)

describe('message contract (JSON Schema)', () => {
  it('ships every schema as a JSON Schema 2020-12 document with an $id', () => {
    const dir = new URL('../schemas/', import.meta.url)
    const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json'))
    expect(files.length).toBeGreaterThanOrEqual(9)
    for (const file of files) {
      const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8'))
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
      expect(schema.$id).toMatch(new RegExp(`/${file.replace('.', '\\.')}$`))
    }
  })

  it('reads product.created/updated into a live product and product.deleted into a tombstone', () => {
    const data = aProductData({ version: 3, stock: 2 })
    expect(readProductEvent(json(aProductEvent(data, 'product.created')))).toMatchObject({
      ok: true,
      value: { type: 'product.created', state: { ...data, deleted: false } },
    })
    expect(readProductEvent(json(aProductDeletedEvent(data.productId, 4)))).toMatchObject({
      ok: true,
      value: { type: 'product.deleted', state: { productId: data.productId, version: 4, deleted: true } },
    })
  })

  it('ignores unknown members and drops them from the state (tolerant reader)', () => {
    const event = { ...aProductEvent(aProductData()), extension: { a: 1 } }
    const read = readProductEvent(json({ ...event, data: { ...event.data, colour: 'red' } }))
    expect(read.ok && 'colour' in read.value.state).toBe(false)
    expect(read.ok).toBe(true)
  })

  it.each([
    ['id', (e: Record<string, unknown>) => ({ ...e, id: undefined }), "must have required property 'id'"],
    ['time', (e: Record<string, unknown>) => ({ ...e, time: 'yesterday' }), '/time must match format'],
    [
      'type',
      (e: Record<string, unknown>) => ({ ...e, type: 'product.renamed' }),
      '/type must be equal to one of',
    ],
    [
      'data.price',
      (e: Record<string, unknown>) => ({ ...e, data: { ...(e.data as object), price: undefined } }),
      "/data must have required property 'price'",
    ],
    [
      'data.productId',
      (e: Record<string, unknown>) => ({ ...e, data: { ...(e.data as object), productId: 'a b' } }),
      '/data/productId must match pattern',
    ],
  ])('rejects a product event with a bad %s', (_field, change, message) => {
    const event = aProductEvent(aProductData()) as unknown as Record<string, unknown>
    expect(reasonOf(readProductEvent(json(change(event))))).toContain(message)
  })

  it('rejects a product event whose type is not the routing key it was published with', () => {
    const event = aProductDeletedEvent('p-1', 2)
    expect(reasonOf(readProductEvent(json(event), 'product.updated'))).toBe(
      'type product.deleted is not the routing key product.updated',
    )
    expect(reasonOf(readProductEvent(json(event), 'product.deleted'))).toBe('valid')
  })

  it('requires only productId and version in product.deleted data', () => {
    const event = { ...aProductDeletedEvent('p-1', 2), data: { productId: 'p-1' } }
    expect(reasonOf(readProductEvent(json(event)))).toContain("/data must have required property 'version'")
  })

  it('accepts what the core writes to the outbox as an order event', () => {
    for (const type of ['order.created', 'order.status_changed', 'cart.checked_out'] as const) {
      const event = anOutboxEvent(anOrder({ note: 'ring twice' }), { type })
      expect(reasonOf(readOrderEvent(json(toEnvelope(event))))).toBe('valid')
    }
  })

  it('checks RPC requests and replies', () => {
    const product = aProductData()
    expect(reasonOf(readProductRpcRequest(json({ productIds: ['p-1', 'p-2'] })))).toBe('valid')
    expect(reasonOf(readProductRpcRequest(json({ ids: ['p-1'] })))).toContain(
      "required property 'productIds'",
    )
    expect(reasonOf(readProductRpcReply(json({ products: [product], missing: ['p-9'] })))).toBe('valid')
    expect(reasonOf(readProductRpcReply(json({ products: [product] })))).toContain(
      "required property 'missing'",
    )
  })
})
