import { describe, expect, it } from 'vitest'
import type { HttpReply } from '../client.js'
import type { HttpContractOptions } from '../contract-options.js'
import { serverUnderTest, USER_A } from '../harness.js'

/** The headers a HEAD answer must share with the GET answer (RFC 9110 §9.3.2). */
const SHARED_HEADERS = ['content-type', 'content-length', 'etag', 'cache-control', 'www-authenticate']

function statusAndHeaders(reply: HttpReply) {
  return {
    status: reply.status,
    ...Object.fromEntries(SHARED_HEADERS.map((name) => [name, reply.headers[name]])),
  }
}

/** HEAD is served by every GET route (an unrouted HEAD is 404 too, its `detail` naming HEAD). */
export function headRequestContract(options: HttpContractOptions): void {
  describe('HEAD requests', () => {
    const server = serverUnderTest(options)

    it('answers HEAD with the status and headers of GET, Content-Length included, and no body', async () => {
      await server.addItem(USER_A)
      const order = await server.placeOrder(USER_A)
      for (const [path, as] of [
        [`/carts/${USER_A}`, USER_A],
        [`/orders/${order.id}`, USER_A],
        ['/orders?limit=1', USER_A],
        ['/products/p-tea', USER_A],
        ['/orders/o-missing', USER_A],
        ['/orders?limit=abc', USER_A],
        [`/carts/${USER_A}`, null],
      ] as const) {
        const get = await server.send({ method: 'GET', path, as })
        const head = await server.send({ method: 'HEAD', path, as })
        expect(statusAndHeaders(head), `HEAD ${path}`).toEqual(statusAndHeaders(get))
        expect(head.headers['content-length'], `HEAD ${path}`).toBeDefined()
        expect(head.text, `HEAD ${path}`).toBe('')
      }
    })
  })
}
