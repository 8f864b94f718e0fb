import { createOrderService, type ProductData } from '@orders/core'
import { type InMemoryAdapters, inMemoryAdapters } from '@orders/core/testing'
import { createHttpPipeline, type HttpPipeline } from '../../src/http-pipeline.js'
import type { HttpOptions } from '../../src/options.js'
import type { HttpResult } from '../../src/problem.js'
import { payloadTooLarge } from '../../src/request/json-body.js'
import type { RequestReader } from '../../src/request-reader.js'

/** A request held in memory: what a framework would have parsed off the wire. */
export interface TestRequest {
  params?: Record<string, string>
  query?: string
  headers?: Record<string, string>
  body?: string
}

/** Reads TestRequests the way the adapters read theirs (the body limit included). */
export const testReader: RequestReader<TestRequest> = {
  header: (request, name) => request.headers?.[name],
  params: (request) => request.params ?? {},
  query: (request) => request.query ?? '',
  body: async (request, maxBytes) => {
    const bytes = new TextEncoder().encode(request.body ?? '')
    if (bytes.length > maxBytes) throw payloadTooLarge(maxBytes)
    return bytes
  },
}

export const aProduct = (overrides: Partial<ProductData> = {}): ProductData => ({
  productId: 'p-1',
  name: 'Mug',
  price: { amount: 1250, currency: 'EUR' },
  available: true,
  version: 1,
  ...overrides,
})

export interface TestApi {
  adapters: InMemoryAdapters
  pipeline: HttpPipeline
  /** Runs the route named like `'POST /orders'`; `as` sends dev headers for that user (and role). */
  call(route: string, request?: TestRequest & { as?: string; role?: string }): Promise<TestResponse>
}

export interface TestResponse extends HttpResult {
  json: unknown
}

export function aTestApi(options: Partial<HttpOptions> = {}, catalog = [aProduct()]): TestApi {
  const adapters = inMemoryAdapters({ catalog })
  const pipeline = createHttpPipeline({
    service: createOrderService(adapters),
    auth: { devHeaders: true },
    ...options,
  })
  return {
    adapters,
    pipeline,
    async call(name, request = {}) {
      const route = pipeline.routes.find((r) => r.name === name)
      if (!route) throw new Error(`no route ${name}`)
      const { as, role, ...rest } = request
      const headers = {
        ...(as !== undefined ? { 'x-user-id': as } : {}),
        ...(role !== undefined ? { 'x-role': role } : {}),
        ...(rest.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...rest.headers,
      }
      const result = await route.run({ ...rest, headers }, testReader)
      return { ...result, json: result.body === undefined ? undefined : JSON.parse(result.body) }
    },
  }
}
