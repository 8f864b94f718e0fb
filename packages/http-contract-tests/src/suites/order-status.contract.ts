import { describe, expect, it } from 'vitest'
import type { HttpContractOptions } from '../contract-options.js'
import {
  ADMIN,
  expectJson,
  expectProblem,
  type OrderBody,
  SERVICE,
  serverUnderTest,
  USER_A,
} from '../harness.js'

type History = { status: string; at: string; actor: string; reason?: string }[]

/** POST /orders/{id}/status and /cancel: the status machine and who may move it. */
export function orderStatusContract(options: HttpContractOptions): void {
  describe('order status', () => {
    const server = serverUnderTest(options)
    const move = (id: string, as: Parameters<typeof server.send>[0]['as'], json: unknown) =>
      server.send({ method: 'POST', path: `/orders/${id}/status`, as, json })
    const cancel = (id: string, as: Parameters<typeof server.send>[0]['as'], json?: unknown) =>
      server.send({ method: 'POST', path: `/orders/${id}/cancel`, as, ...(json ? { json } : {}) })

    it('moves Pending -> Processing -> Shipped -> Delivered, recording each step', async () => {
      const order = await server.placeOrder(USER_A)
      expectJson(await move(order.id, ADMIN, { status: 'Processing', reason: 'paid' }), 200)
      expectJson(await move(order.id, SERVICE, { status: 'Shipped' }), 200)
      const reply = await move(order.id, ADMIN, { status: 'Delivered' })
      const delivered = expectJson<OrderBody & { statusHistory: History }>(reply, 200)
      expect(delivered.status).toBe('Delivered')
      expect(delivered.statusHistory.map((s) => s.status)).toEqual([
        'Pending',
        'Processing',
        'Shipped',
        'Delivered',
      ])
      expect(delivered.statusHistory[1]).toMatchObject({
        reason: 'paid',
        at: expect.any(String),
        actor: expect.any(String),
      })
      expect(reply.headers.etag).toBe(`"${delivered.version}"`)
    })

    it('answers 409 INVALID_TRANSITION naming from and to, and changes nothing', async () => {
      const order = await server.placeOrder(USER_A)
      const problem = expectProblem(
        await move(order.id, ADMIN, { status: 'Delivered' }),
        409,
        'INVALID_TRANSITION',
      )
      expect(problem).toMatchObject({ from: 'Pending', to: 'Delivered' })
      const read = await server.send({ method: 'GET', path: `/orders/${order.id}`, as: USER_A })
      expect(expectJson(read, 200)).toEqual(order)
    })

    it('answers 403 FORBIDDEN when a customer changes the status of their own order', async () => {
      const order = await server.placeOrder(USER_A)
      expectProblem(await move(order.id, USER_A, { status: 'Processing' }), 403, 'FORBIDDEN')
    })

    it('lets a customer cancel their Pending order with a reason', async () => {
      const order = await server.placeOrder(USER_A)
      const cancelled = expectJson<OrderBody & { statusHistory: History }>(
        await cancel(order.id, USER_A, { reason: 'changed my mind' }),
        200,
      )
      expect(cancelled.status).toBe('Cancelled')
      expect(cancelled.statusHistory.at(-1)).toMatchObject({ status: 'Cancelled', reason: 'changed my mind' })
    })

    it('answers 403 to a customer cancelling a Processing order, which an admin may cancel', async () => {
      const order = await server.placeOrder(USER_A)
      expectJson(await move(order.id, ADMIN, { status: 'Processing' }), 200)
      expectProblem(await cancel(order.id, USER_A), 403, 'FORBIDDEN')
      expect(expectJson<OrderBody>(await cancel(order.id, ADMIN), 200).status).toBe('Cancelled')
    })

    it('answers 409 INVALID_TRANSITION when cancelling a Shipped or Cancelled order', async () => {
      const shipped = await server.placeOrder(USER_A)
      expectJson(await move(shipped.id, ADMIN, { status: 'Processing' }), 200)
      expectJson(await move(shipped.id, ADMIN, { status: 'Shipped' }), 200)
      expectProblem(await cancel(shipped.id, ADMIN), 409, 'INVALID_TRANSITION')
      const cancelled = await server.placeOrder(USER_A)
      expectJson(await cancel(cancelled.id, USER_A), 200)
      expectProblem(await cancel(cancelled.id, USER_A), 409, 'INVALID_TRANSITION')
    })
  })
}
