import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { type Actor, createOrderService, type OrderService } from '@orders/core'
import { inMemoryAdapters } from '@orders/core/testing'
import type { AuthOptions } from '@orders/http-common'
import { createExpressApp } from '@orders/http-express'
import { CONTRACT_CATALOG, CONTRACT_JWT_SECRET, type StartedServer } from '../../src/index.js'

type Input = Record<string, unknown>

/** `target` with every method called on a changed first argument (the use case's input). */
function withInputs<T extends object>(target: T, change: (input: Input) => Input): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object)
      if (typeof value !== 'function') return value
      return (input: Input, ...rest: unknown[]) => value.call(object, change(input), ...rest)
    },
  })
}

const asAdmin = (input: Input): Input => ({ ...input, actor: { ...(input.actor as Actor), role: 'admin' } })
const withoutVersion = (input: Input): Input => ({ ...input, expectedVersion: undefined })

/** A real server whose service or auth has one deliberate flaw. */
async function start(
  flaw: (service: OrderService) => OrderService,
  auth: AuthOptions = {},
): Promise<StartedServer> {
  const adapters = inMemoryAdapters({ catalog: CONTRACT_CATALOG })
  const service = flaw(createOrderService(adapters))
  const server = createExpressApp({ service, auth: { jwtSecret: CONTRACT_JWT_SECRET, ...auth } }).listen(
    0,
    '127.0.0.1',
  )
  await once(server, 'listening')
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    adapters,
  }
}

export interface BrokenServer {
  variant: string
  start: () => Promise<StartedServer>
  /** Tests of the suite that must fail against it (exact titles). */
  mustFail: string[]
}

export const BROKEN_SERVERS: BrokenServer[] = [
  {
    variant: 'no-ownership',
    start: () =>
      start((service) => ({
        ...service,
        carts: withInputs(service.carts, asAdmin),
        checkout: withInputs(service.checkout, asAdmin),
        orders: withInputs(service.orders, asAdmin),
      })),
    mustFail: [
      "answers 404 to user B on every endpoint of user A's cart and orders, changing nothing",
      "answers 403 to user B listing or creating user A's orders, and lists only B's own",
      'answers 403 FORBIDDEN when a customer changes the status of their own order',
      "user B reads A's cart: 404 NOT_FOUND",
      "user B lists A's orders: 403 FORBIDDEN",
    ],
  },
  {
    variant: 'no-if-match',
    start: () =>
      start((service) => ({
        ...service,
        carts: withInputs(service.carts, withoutVersion),
        orders: withInputs(service.orders, withoutVersion),
      })),
    mustFail: [
      'makes cart writes conditional: the current ETag or * succeeds, a stale one is 412',
      'makes order writes conditional: PATCH, status, cancel and DELETE answer 412 when stale',
      'stale If-Match on a line: 412 VERSION_CONFLICT',
    ],
  },
  {
    variant: 'no-idempotency',
    start: () =>
      start((service) => ({
        ...service,
        idempotency: {
          run: async (_request: unknown, execute: () => Promise<unknown>) => ({
            response: await execute(),
            replayed: false,
          }),
        } as unknown as OrderService['idempotency'],
      })),
    mustFail: [
      'replays the first POST /orders answer with Idempotent-Replayed: true and creates one order',
      'answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body',
      'answers 409 IDEMPOTENCY_KEY_IN_USE while the same request is still running elsewhere',
    ],
  },
  {
    variant: 'trusts-dev-headers',
    start: () => start((service) => service, { devHeaders: true }),
    mustFail: [
      'development headers without development mode: 401 UNAUTHENTICATED',
      'development admin headers on PUT /products: 401 UNAUTHENTICATED',
    ],
  },
]
