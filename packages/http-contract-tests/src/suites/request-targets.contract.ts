import { describe, it } from 'vitest'
import { authorizationOf } from '../client.js'
import type { HttpContractOptions } from '../contract-options.js'
import { ADMIN, expectProblem, serverUnderTest, USER_A } from '../harness.js'
import { expectNothingChanged } from '../state.js'

/**
 * Request targets a URL parser refuses or rewrites, sent as raw request lines (node's client would
 * not send some of them): a backslash in the path, which WHATWG URLs read as `/`, and targets that
 * are not a path. None names a route of ours: 404 problem+json with a `code`, changing nothing.
 * @hono/node-server refuses them before Hono runs (a bodyless 400 unless given an `errorHandler`).
 */
export function requestTargetContract(options: HttpContractOptions): void {
  describe('raw request targets', () => {
    const server = serverUnderTest(options)

    it('answers 404 problem+json to a path with a backslash, which URL parsers read as a slash', async () => {
      await server.addItem(USER_A)
      const asUserA = authorizationOf(USER_A)
      await expectNothingChanged(server, async () => {
        for (const line of [
          `GET /carts\\${USER_A} HTTP/1.1`,
          `GET /orders/..\\carts/${USER_A} HTTP/1.1`,
          `GET /carts\\${USER_A}#fragment HTTP/1.1`,
          `DELETE /carts/${USER_A}/items\\p-tea HTTP/1.1`,
          `DELETE /carts/${USER_A}\\items/p-tea HTTP/1.1`,
        ]) {
          expectProblem(await server.sendRaw(line, asUserA), 404, 'NOT_FOUND')
        }
        const asAdmin = authorizationOf(ADMIN)
        expectProblem(
          await server.sendRaw('DELETE /products/p-tea\\?version=99 HTTP/1.1', asAdmin),
          404,
          'NOT_FOUND',
        )
      })
    })

    it('answers 404 problem+json to a target that is not a path (OPTIONS *, GET *)', async () => {
      for (const line of ['OPTIONS * HTTP/1.1', 'GET * HTTP/1.1']) {
        expectProblem(await server.sendRaw(line), 404, 'NOT_FOUND')
      }
    })
  })
}
