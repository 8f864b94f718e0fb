import { buildOpenApiDocument } from '@orders/http-common'
import { describe, expect, it } from 'vitest'
import { BAD_REQUESTS, everyEndpoint } from '../src/index.js'

type Operation = { responses: Record<string, unknown> }
const document = buildOpenApiDocument() as { paths: Record<string, Record<string, Operation>> }

/** The operation of the OpenAPI document a concrete method and path hit, if any. */
function operationOf(method: string, rawPath: string): Operation | undefined {
  const path = rawPath.split('?')[0]!
  for (const [template, operations] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
    if (pattern.test(path)) return operations[method.toLowerCase()]
  }
  return undefined
}

describe('the OpenAPI document and the contract agree', () => {
  it('describes every endpoint the contract calls', () => {
    for (const endpoint of everyEndpoint('some-order')) {
      expect(operationOf(endpoint.method, endpoint.path), endpoint.name).toBeDefined()
    }
    expect(Object.values(document.paths).flatMap((ops) => Object.keys(ops))).toHaveLength(16)
  })

  it('documents the status of every bad request on the operation it hits (unrouted ones are 404)', () => {
    for (const bad of BAD_REQUESTS) {
      const operation = operationOf(bad.method, bad.path.replaceAll('{order}', 'some-order'))
      const label = `${bad.class}: ${bad.name}`
      if (operation === undefined) expect([label, bad.expect.status]).toEqual([label, 404])
      else expect(Object.keys(operation.responses), label).toContain(String(bad.expect.status))
    }
  })
})
