import { once } from 'node:events'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import { authorizationOf } from '../client.js'
import type { HttpContractOptions } from '../contract-options.js'
import { expectJson, expectProblem, type OrderBody, serverUnderTest, USER_A } from '../harness.js'
import { expectNothingChanged } from '../state.js'

const MIB = 1024 * 1024
const json = { 'content-type': 'application/json' }

/** How bodies, media types and unrouted requests are answered; every error is problem+json. */
export function bodyRuleContract(options: HttpContractOptions): void {
  describe('request bodies and errors', () => {
    const server = serverUnderTest(options)
    const addItem = (call: { raw: string; headers?: Record<string, string>; chunked?: boolean }) =>
      server.send({ method: 'POST', path: `/carts/${USER_A}/items`, as: USER_A, headers: json, ...call })

    it('answers 413 PAYLOAD_TOO_LARGE for a body over 1 MiB, declared or streamed', async () => {
      const big = JSON.stringify({ productId: PRODUCTS.tea, quantity: 1, pad: 'x'.repeat(MIB) })
      await expectNothingChanged(server, async () => {
        expectProblem(await addItem({ raw: big }), 413, 'PAYLOAD_TOO_LARGE')
        expectProblem(await addItem({ raw: big, chunked: true }), 413, 'PAYLOAD_TOO_LARGE')
      })
      const small = await addItem({
        raw: JSON.stringify({ productId: PRODUCTS.tea, quantity: 1 }),
        chunked: true,
      })
      expectJson(small, 200)
    })

    it('closes the connection after a 413, so the refused rest of the body is neither read nor awaited', async () => {
      const { host, hostname, port } = new URL(server.baseUrl)
      const head = [
        `POST /carts/${USER_A}/items HTTP/1.1`,
        `Host: ${host}`,
        ...Object.entries(authorizationOf(USER_A)).map(([name, value]) => `${name}: ${value}`),
        'Content-Type: application/json',
        `Content-Length: ${100 * MIB}`,
      ]
      const socket = connect(Number(port), hostname, () =>
        socket.write(`${head.join('\r\n')}\r\n\r\n{"pad":"`),
      )
      const received: Buffer[] = []
      socket.on('data', (chunk: Buffer) => received.push(chunk))
      // The client keeps its side open and sends nothing more: only the server can end the exchange.
      const closed = await Promise.race([
        once(socket, 'close').then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000)),
      ])
      socket.destroy()
      expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 413 /)
      expect(closed).toBe(true)
    })

    it('accepts a body of exactly 1 MiB as far as its size goes', async () => {
      const prefix = `{"productId":"${PRODUCTS.tea}","quantity":1}`
      const body = prefix + ' '.repeat(MIB - prefix.length)
      expectJson(await addItem({ raw: body }), 200)
    })

    it('answers 415 UNSUPPORTED_MEDIA_TYPE unless the body is UTF-8 JSON, and 400 for broken JSON', async () => {
      const body = JSON.stringify({ productId: PRODUCTS.tea, quantity: 1 })
      await expectNothingChanged(server, async () => {
        expectProblem(
          await addItem({ raw: body, headers: { 'content-type': 'text/plain' } }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        )
        expectProblem(await addItem({ raw: '{"productId": "p-tea", ' }), 400, 'MALFORMED_REQUEST')
      })
      expectJson(
        await addItem({
          raw: body,
          headers: { 'content-type': 'application/merge-patch+json; charset=utf-8' },
        }),
        200,
      )
    })

    it('answers 422 VALIDATION_FAILED naming every failing field, a client-sent price included', async () => {
      const raw = JSON.stringify({
        productId: { $gt: '' },
        quantity: 1000,
        price: { amount: 1, currency: 'EUR' },
      })
      const problem = expectProblem(await addItem({ raw }), 422, 'VALIDATION_FAILED')
      const errors = problem.errors as { path: string; message: string }[]
      expect(errors.map((e) => e.path).sort()).toEqual(['price', 'productId', 'quantity'])
      for (const error of errors) expect(typeof error.message).toBe('string')
    })

    it('reads an empty body as {} where every field is optional (checkout, cancel)', async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 1)
      const order = expectJson<OrderBody>(
        await server.send({ method: 'POST', path: `/carts/${USER_A}/checkout`, as: USER_A }),
        201,
      )
      const cancelled = await server.send({ method: 'POST', path: `/orders/${order.id}/cancel`, as: USER_A })
      expect(expectJson<OrderBody>(cancelled, 200).status).toBe('Cancelled')
    })

    it('answers 404 problem+json for a path or method no endpoint has', async () => {
      expectProblem(await server.send({ method: 'GET', path: '/nothing/here', as: USER_A }), 404, 'NOT_FOUND')
      expectProblem(
        await server.send({ method: 'PUT', path: '/orders', as: USER_A, json: {} }),
        404,
        'NOT_FOUND',
      )
    })

    it('echoes a valid X-Request-Id on successes and problems, and makes one up otherwise', async () => {
      const ok = await server.send({
        method: 'GET',
        path: `/carts/${USER_A}`,
        as: USER_A,
        headers: { 'x-request-id': 'req-1' },
      })
      expect(ok.headers['x-request-id']).toBe('req-1')
      const problem = await server.send({
        method: 'GET',
        path: `/carts/${USER_A}`,
        headers: { 'x-request-id': 'req-2' },
      })
      expect(problem.headers['x-request-id']).toBe('req-2')
      const made = await server.send({ method: 'GET', path: `/carts/${USER_A}`, as: USER_A })
      expect(made.headers['x-request-id']).toMatch(/^[\x21-\x7e]{1,128}$/)
    })
  })
}
