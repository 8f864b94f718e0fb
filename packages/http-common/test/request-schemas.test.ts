import { describe, expect, it } from 'vitest'
import {
  AddCartItemBody,
  CheckoutBody,
  CreateOrderBody,
  DeleteProductQuery,
  ListOrdersQuery,
  PutProductBody,
  UpdateOrderBody,
  UserParams,
} from '../src/schemas/requests.js'
import { parseBody, parseParameters } from '../src/validation.js'

/** The OrderServiceError a parse throws, as `{ code, errors }`. */
function failureOf(parse: () => unknown): { code: string; errors: { path: string; message: string }[] } {
  try {
    parse()
  } catch (error) {
    const { code, details } = error as {
      code: string
      details: { errors: { path: string; message: string }[] }
    }
    return { code, errors: details.errors }
  }
  throw new Error('expected the parse to fail')
}

const anAddress = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ada Lovelace',
  line1: '1 Analytical Way',
  city: 'London',
  postalCode: 'N1 7AA',
  country: 'GB',
  ...overrides,
})

describe('request bodies', () => {
  it('accepts a valid cart line and order', () => {
    expect(parseBody(AddCartItemBody, { productId: 'sku:1.a_b-c', quantity: 999 })).toEqual({
      productId: 'sku:1.a_b-c',
      quantity: 999,
    })
    const order = {
      userId: 'u1',
      lines: [{ productId: 'p1', quantity: 1 }],
      shippingAddress: anAddress(),
      note: '',
    }
    expect(parseBody(CreateOrderBody, order)).toEqual(order)
  })

  it('rejects a client-sent price as an unknown field, naming it', () => {
    expect(
      failureOf(() => parseBody(AddCartItemBody, { productId: 'p1', quantity: 1, unitPrice: 1 })),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'unitPrice', message: 'unknown field' }],
    })
    const nested = {
      userId: 'u1',
      lines: [{ productId: 'p1', quantity: 1, price: { amount: 1, currency: 'EUR' } }],
    }
    expect(failureOf(() => parseBody(CreateOrderBody, nested)).errors).toEqual([
      { path: 'lines.0.price', message: 'unknown field' },
    ])
  })

  it('rejects operator objects and a __proto__ key as wrong types or unknown fields', () => {
    expect(
      failureOf(() => parseBody(AddCartItemBody, { productId: { $gt: '' }, quantity: 1 })).errors[0]?.path,
    ).toBe('productId')
    const polluted = JSON.parse('{"productId":"p1","quantity":1,"__proto__":{"admin":true}}')
    expect(failureOf(() => parseBody(AddCartItemBody, polluted)).errors).toEqual([
      { path: '__proto__', message: 'unknown field' },
    ])
  })

  it('rejects out-of-range and non-integer quantities and over-long strings', () => {
    for (const quantity of [0, 1000, 1.5, -1, '2', Number.POSITIVE_INFINITY, null]) {
      expect(failureOf(() => parseBody(AddCartItemBody, { productId: 'p1', quantity })).errors[0]?.path).toBe(
        'quantity',
      )
    }
    const tooLong = { userId: 'u1', lines: [{ productId: 'p1', quantity: 1 }], note: 'n'.repeat(1001) }
    expect(failureOf(() => parseBody(CreateOrderBody, tooLong)).errors[0]?.path).toBe('note')
    const longName = { shippingAddress: anAddress({ name: 'x'.repeat(201) }) }
    expect(failureOf(() => parseBody(CheckoutBody, longName)).errors[0]?.path).toBe('shippingAddress.name')
  })

  it('rejects ids outside 1-64 letters, digits and - _ . :', () => {
    for (const productId of ['', 'a'.repeat(65), 'a b', 'a/b', 'ü', '$where']) {
      expect(failureOf(() => parseBody(AddCartItemBody, { productId, quantity: 1 })).errors[0]?.path).toBe(
        'productId',
      )
    }
  })

  it('requires 1-100 order lines and at least one field in an order update', () => {
    expect(failureOf(() => parseBody(CreateOrderBody, { userId: 'u1', lines: [] })).errors[0]?.path).toBe(
      'lines',
    )
    const lines = Array.from({ length: 101 }, (_, i) => ({ productId: `p${i}`, quantity: 1 }))
    expect(failureOf(() => parseBody(CreateOrderBody, { userId: 'u1', lines })).errors[0]?.path).toBe('lines')
    expect(failureOf(() => parseBody(UpdateOrderBody, {})).code).toBe('VALIDATION_FAILED')
  })

  it('rejects a body that is not an object', () => {
    for (const body of [[], 'text', 42, null])
      expect(failureOf(() => parseBody(CheckoutBody, body)).code).toBe('VALIDATION_FAILED')
  })

  it('checks product money: integer minor units and an ISO-4217 currency', () => {
    const product = { name: 'Mug', price: { amount: 1250, currency: 'EUR' }, available: true, version: 3 }
    expect(parseBody(PutProductBody, product)).toEqual(product)
    expect(
      failureOf(() => parseBody(PutProductBody, { ...product, price: { amount: 12.5, currency: 'EUR' } }))
        .errors[0]?.path,
    ).toBe('price.amount')
    expect(
      failureOf(() => parseBody(PutProductBody, { ...product, price: { amount: 1, currency: 'eur' } }))
        .errors[0]?.path,
    ).toBe('price.currency')
  })
})

describe('path and query parameters', () => {
  it('answers MALFORMED_REQUEST for an invalid path id', () => {
    expect(failureOf(() => parseParameters(UserParams, { userId: 'a b' }, 'path'))).toMatchObject({
      code: 'MALFORMED_REQUEST',
      errors: [{ path: 'userId' }],
    })
  })

  it('turns limit into a number of 1-100 and refuses anything else', () => {
    expect(parseParameters(ListOrdersQuery, { limit: '100', status: 'Pending' }, 'query')).toEqual({
      limit: 100,
      status: 'Pending',
    })
    for (const limit of ['abc', '0', '101', '-1', '1.5', '', ['1', '2']]) {
      expect(failureOf(() => parseParameters(ListOrdersQuery, { limit }, 'query'))).toMatchObject({
        code: 'MALFORMED_REQUEST',
        errors: [{ path: 'limit' }],
      })
    }
  })

  it('refuses unknown query parameters, bracket operators included', () => {
    expect(failureOf(() => parseParameters(ListOrdersQuery, { 'status[$ne]': 'Pending' }, 'query'))).toEqual({
      code: 'MALFORMED_REQUEST',
      errors: [{ path: 'status[$ne]', message: 'unknown parameter' }],
    })
  })

  it('requires a non-negative integer version to delete a product', () => {
    expect(parseParameters(DeleteProductQuery, { version: '7' }, 'query')).toEqual({ version: 7 })
    expect(failureOf(() => parseParameters(DeleteProductQuery, {}, 'query')).code).toBe('MALFORMED_REQUEST')
    expect(failureOf(() => parseParameters(DeleteProductQuery, { version: '-1' }, 'query')).code).toBe(
      'MALFORMED_REQUEST',
    )
  })
})
