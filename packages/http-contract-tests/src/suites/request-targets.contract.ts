import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import { authorizationOf } from '../client.js'
import type { HttpContractOptions } from '../contract-options.js'
import { ADMIN, expectJson, expectProblem, serverUnderTest, USER_A } from '../harness.js'
import { expectNothingChanged } from '../state.js'

/** A raw HTTP/1 message: request line, header lines, blank line, body. */
function message(lines: string[], body = ''): string {
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

const asUserA = () => `Authorization: ${authorizationOf(USER_A).authorization}`
const addTea = JSON.stringify({ productId: PRODUCTS.tea, quantity: 1 })
const jsonBody = (body: string) => ['Content-Type: application/json', `Content-Length: ${body.length}`]

/**
 * Request targets a URL parser refuses or rewrites, sent as raw request lines (node's client would
 * not send some of them): a backslash in the path, which WHATWG URLs read as `/`, and targets that
 * are not a path. None names a route of ours: 404 problem+json with a `code`, changing nothing.
 * @hono/node-server refuses them before Hono runs (a bodyless 400 unless given an `errorHandler`).
 * The `Host` and absolute-form targets (RFC 9112 §3.2) are read as it reads them, on every server.
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

    it('answers 400 MALFORMED_REQUEST to a request without a Host (HTTP/1.0) or with one that is no host name', async () => {
      await expectNothingChanged(server, async () => {
        for (const sent of [
          message([`GET /carts/${USER_A} HTTP/1.0`, asUserA()]),
          message([`POST /carts/${USER_A}/items HTTP/1.0`, asUserA(), ...jsonBody(addTea)], addTea),
          message(
            [
              `POST /carts/${USER_A}/items HTTP/1.1`,
              'Host:',
              asUserA(),
              ...jsonBody(addTea),
              'Connection: close',
            ],
            addTea,
          ),
          message([
            `GET /carts/${USER_A} HTTP/1.1`,
            'Host: shop.example/carts',
            asUserA(),
            'Connection: close',
          ]),
        ]) {
          expectProblem(await server.sendRawMessage(sent), 400, 'MALFORMED_REQUEST')
        }
      })
    })

    it('serves an HTTP/1.0 request that names its Host', async () => {
      const host = `Host: ${new URL(server.baseUrl).host}`
      const added = message(
        [`POST /carts/${USER_A}/items HTTP/1.0`, host, asUserA(), ...jsonBody(addTea)],
        addTea,
      )
      expect(expectJson<{ lines: unknown[] }>(await server.sendRawMessage(added), 200).lines).toHaveLength(1)
      const read = message([`GET /carts/${USER_A} HTTP/1.0`, host, asUserA()])
      expect(expectJson<{ lines: unknown[] }>(await server.sendRawMessage(read), 200).lines).toHaveLength(1)
    })

    it('routes an absolute-form http target on its path whatever the Host, and answers 404 to another scheme', async () => {
      const { host } = new URL(server.baseUrl)
      await server.addItem(USER_A)
      const read = message([
        `GET http://shop.example/carts/${USER_A} HTTP/1.1`,
        `Host: ${host}`,
        asUserA(),
        'Connection: close',
      ])
      expect(expectJson<{ lines: unknown[] }>(await server.sendRawMessage(read), 200).lines).toHaveLength(1)
      await expectNothingChanged(server, async () => {
        const remove = message([
          `DELETE ftp://${host}/carts/${USER_A} HTTP/1.1`,
          `Host: ${host}`,
          asUserA(),
          'Connection: close',
        ])
        expectProblem(await server.sendRawMessage(remove), 404, 'NOT_FOUND')
      })
    })
  })
}
