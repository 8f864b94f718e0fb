import { beforeAll, describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import type { HttpContractOptions } from '../contract-options.js'
import { BAD_REQUEST_CLASSES } from '../corpus/bad-request.js'
import { BAD_REQUESTS } from '../corpus/index.js'
import { toCall } from '../corpus/to-call.js'
import { expectProblem, serverUnderTest, USER_A } from '../harness.js'
import { expectNothingChanged } from '../state.js'

/**
 * The bad-request corpus: each case answers its 4xx problem+json with a `code`, and the carts,
 * orders and products read back afterwards are exactly what they were before.
 */
export function badRequestContract(options: HttpContractOptions): void {
  describe('bad requests', () => {
    for (const kind of BAD_REQUEST_CLASSES) {
      describe(kind, () => {
        const server = serverUnderTest(options, true)
        let orderId = ''
        beforeAllSeeded(server, (id) => {
          orderId = id
        })
        for (const bad of BAD_REQUESTS.filter((b) => b.class === kind)) {
          it(`${bad.name}: ${bad.expect.status} ${bad.expect.code}`, async () => {
            const reply = await expectNothingChanged(server, () => server.send(toCall(bad, orderId)))
            expect(reply.status).toBeGreaterThanOrEqual(400)
            expect(reply.status).toBeLessThan(500)
            expectProblem(reply, bad.expect.status, bad.expect.code)
          })
        }
      })
    }
  })
}

/** user-a: a cart with 2 × p-tea and one Pending order. */
function beforeAllSeeded(server: ReturnType<typeof serverUnderTest>, seeded: (orderId: string) => void) {
  beforeAll(async () => {
    await server.addItem(USER_A, PRODUCTS.tea, 2)
    seeded((await server.placeOrder(USER_A)).id)
  })
}
