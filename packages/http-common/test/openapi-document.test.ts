import { describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from '../src/openapi/openapi-document.js'
import { ROUTES } from '../src/routes/route-table.js'
import { Cart, Order, OrderPage, Problem, Product } from '../src/schemas/responses.js'
import { aTestApi } from './support/test-requests.js'

type Json = Record<string, unknown>

const doc = buildOpenApiDocument() as {
  openapi: string
  paths: Record<string, Record<string, Json>>
  components: { schemas: Record<string, Json> }
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found)
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child)
      else refsIn(child, found)
    }
  }
  return found
}

describe('buildOpenApiDocument', () => {
  it('is OpenAPI 3.1 with one operation per route and unique operation ids', () => {
    expect(doc.openapi).toBe('3.1.0')
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, id: op.operationId })),
    )
    expect(operations).toHaveLength(ROUTES.length)
    expect(new Set(operations.map((o) => o.id)).size).toBe(ROUTES.length)
    expect(doc.paths['/carts/{userId}/items/{productId}']).toHaveProperty('patch')
    expect(doc.paths['/orders/{orderId}/status']).toHaveProperty('post')
  })

  it('resolves every $ref to a component schema', () => {
    const refs = new Set(refsIn(doc))
    expect(refs.size).toBeGreaterThan(5)
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//)
      expect(doc.components.schemas).toHaveProperty(ref.slice('#/components/schemas/'.length))
    }
  })

  it('describes request bodies from the validating schemas: strict, with limits, no price field', () => {
    const addItem = doc.components.schemas.AddCartItem as {
      properties: Json
      required: string[]
      additionalProperties: boolean
    }
    expect(addItem.additionalProperties).toBe(false)
    expect(addItem.required).toEqual(['productId', 'quantity'])
    expect(addItem.properties).toEqual({
      productId: expect.objectContaining({ type: 'string', pattern: expect.any(String) }),
      quantity: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 999 }),
    })
    const op = doc.paths['/carts/{userId}/items']?.post as {
      requestBody: Json
      responses: Record<string, Json>
    }
    expect(op.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/AddCartItem' } } },
    })
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['200', '401', '413', '415', '422', '503']),
    )
  })

  it('documents parameters and the If-Match and Idempotency-Key headers', () => {
    const list = doc.paths['/orders']?.get as { parameters: { in: string; name: string }[] }
    expect(list.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual([
      'userId',
      'status',
      'limit',
      'cursor',
    ])
    const patch = doc.paths['/orders/{orderId}']?.patch as { parameters: { name: string }[]; responses: Json }
    expect(patch.parameters.map((p) => p.name)).toContain('If-Match')
    expect(patch.responses).toHaveProperty('412')
    const create = doc.paths['/orders']?.post as { parameters: { name: string }[] }
    expect(create.parameters.map((p) => p.name)).toContain('Idempotency-Key')
  })
})

describe('the documented response schemas', () => {
  it('accept what the API sends for carts, orders, pages, products and problems', async () => {
    const api = aTestApi()
    const cart = await api.call('POST /carts/:userId/items', {
      as: 'u1',
      params: { userId: 'u1' },
      body: JSON.stringify({ productId: 'p-1', quantity: 2 }),
    })
    expect(Cart.safeParse(cart.json).success).toBe(true)
    const order = await api.call('POST /carts/:userId/checkout', {
      as: 'u1',
      params: { userId: 'u1' },
      body: JSON.stringify({
        shippingAddress: { name: 'Ada', line1: '1 Way', city: 'London', postalCode: 'N1', country: 'GB' },
      }),
    })
    expect(Order.safeParse(order.json).success).toBe(true)
    expect(OrderPage.safeParse((await api.call('GET /orders', { as: 'u1' })).json).success).toBe(true)
    const product = await api.call('GET /products/:productId', { as: 'u1', params: { productId: 'p-1' } })
    expect(Product.safeParse(product.json).success).toBe(true)
    const problem = await api.call('GET /orders/:orderId', { as: 'u1', params: { orderId: 'missing' } })
    expect(Problem.safeParse(problem.json).success).toBe(true)
  })
})
