import { describe, expect, it } from 'vitest'
import { PRODUCTS } from '../catalog.js'
import type { HttpContractOptions } from '../contract-options.js'
import { everyEndpoint } from '../endpoints.js'
import {
  ADMIN,
  expectJson,
  expectProblem,
  type OrderBody,
  SERVICE,
  serverUnderTest,
  USER_A,
  USER_B,
} from '../harness.js'
import { expectNothingChanged } from '../state.js'
import { signToken } from '../tokens.js'

/** The authorization table of DESIGN §5; checks run authenticate (401), ownership (404), role (403). */
export function authorizationContract(options: HttpContractOptions): void {
  describe('authorization', () => {
    const server = serverUnderTest(options)
    const seed = async () => {
      await server.addItem(USER_A, PRODUCTS.tea, 2)
      return server.placeOrder(USER_A)
    }

    it('answers 401 with a Bearer challenge on every endpoint without a token or with a bad one', async () => {
      const order = await seed()
      const expired = { authorization: `Bearer ${signToken({ sub: USER_A, expiresIn: -60 })}` }
      await expectNothingChanged(server, async () => {
        for (const endpoint of everyEndpoint(order.id)) {
          const missing = await server.send({ ...endpoint, as: null })
          expectProblem(missing, 401, 'UNAUTHENTICATED')
          expect(missing.headers['www-authenticate'], endpoint.name).toBe('Bearer')
          const invalid = await server.send({ ...endpoint, as: expired })
          expectProblem(invalid, 401, 'UNAUTHENTICATED')
          expect(invalid.headers['www-authenticate'], endpoint.name).toBe('Bearer error="invalid_token"')
        }
      })
    })

    it("answers 404 to user B on every endpoint of user A's cart and orders, changing nothing", async () => {
      const order = await seed()
      const owned = everyEndpoint(order.id).filter(
        (e) => e.name.includes('{userId}') || e.name.includes('{orderId}'),
      )
      expect(owned).toHaveLength(11)
      await expectNothingChanged(server, async () => {
        for (const endpoint of owned) {
          expectProblem(await server.send({ ...endpoint, as: USER_B }), 404, 'NOT_FOUND')
        }
      })
    })

    it("answers 403 to user B listing or creating user A's orders, and lists only B's own", async () => {
      await seed()
      const own = await server.placeOrder(USER_B)
      await expectNothingChanged(server, async () => {
        expectProblem(
          await server.send({ method: 'GET', path: `/orders?userId=${USER_A}`, as: USER_B }),
          403,
          'FORBIDDEN',
        )
        const create = { userId: USER_A, lines: [{ productId: PRODUCTS.tea, quantity: 1 }] }
        expectProblem(
          await server.send({ method: 'POST', path: '/orders', as: USER_B, json: create }),
          403,
          'FORBIDDEN',
        )
      })
      for (const query of ['', `?userId=${USER_B}`]) {
        const page = expectJson<{ items: OrderBody[] }>(
          await server.send({ method: 'GET', path: `/orders${query}`, as: USER_B }),
          200,
        )
        expect(page.items.map((o) => o.id)).toEqual([own.id])
      }
    })

    it('answers 403 to customers on status changes and product writes, changing nothing', async () => {
      const order = await seed()
      const privileged = everyEndpoint(order.id).filter((e) => /status|PUT|DELETE \/products/.test(e.name))
      expect(privileged).toHaveLength(3)
      await expectNothingChanged(server, async () => {
        for (const endpoint of privileged) {
          expectProblem(await server.send({ ...endpoint, as: USER_A }), 403, 'FORBIDDEN')
        }
      })
    })

    for (const caller of [ADMIN, SERVICE]) {
      it(`lets ${caller.role} callers use every endpoint on another user's cart and orders`, async () => {
        const order = await seed()
        for (const endpoint of everyEndpoint(order.id)) {
          const reply = await server.send({ ...endpoint, as: caller })
          expect([endpoint.name, reply.status < 300], reply.text).toEqual([endpoint.name, true])
        }
        await server.placeOrder(USER_B, [{ productId: PRODUCTS.kettle, quantity: 1 }])
        const all = expectJson<{ items: OrderBody[] }>(
          await server.send({ method: 'GET', path: '/orders', as: caller }),
          200,
        )
        expect(new Set(all.items.map((o) => o.userId))).toEqual(new Set([USER_A, USER_B]))
      })
    }

    it('reads the role from the token: customer by default, admin or service when the claim says so', async () => {
      const order = await seed()
      const withRole = (role?: string) => ({
        authorization: `Bearer ${signToken({ sub: 'someone', ...(role ? { role } : {}) })}`,
      })
      expectProblem(
        await server.send({ method: 'GET', path: `/orders/${order.id}`, as: withRole() }),
        404,
        'NOT_FOUND',
      )
      expectProblem(
        await server.send({ method: 'GET', path: `/orders/${order.id}`, as: withRole('customer') }),
        404,
        'NOT_FOUND',
      )
      expectJson(
        await server.send({ method: 'GET', path: `/orders/${order.id}`, as: withRole('admin') }),
        200,
      )
      expectJson(
        await server.send({ method: 'GET', path: `/orders/${order.id}`, as: withRole('service') }),
        200,
      )
      expectProblem(
        await server.send({ method: 'GET', path: `/orders/${order.id}`, as: withRole('root') }),
        401,
        'UNAUTHENTICATED',
      )
    })
  })
}
