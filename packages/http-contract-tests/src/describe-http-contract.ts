import { describe } from 'vitest'
import type { HttpContractOptions } from './contract-options.js'
import { authorizationContract } from './suites/authorization.contract.js'
import { badRequestContract } from './suites/bad-requests.contract.js'
import { bodyRuleContract } from './suites/body-rules.contract.js'
import { cartContract } from './suites/carts.contract.js'
import { checkoutContract } from './suites/checkout.contract.js'
import { conditionalRequestContract } from './suites/conditional-requests.contract.js'
import { failureContract } from './suites/failures.contract.js'
import { headRequestContract } from './suites/head-requests.contract.js'
import { idempotencyContract } from './suites/idempotency.contract.js'
import { orderStatusContract } from './suites/order-status.contract.js'
import { orderContract } from './suites/orders.contract.js'
import { productContract } from './suites/products.contract.js'
import { requestTargetContract } from './suites/request-targets.contract.js'

/**
 * The HTTP contract of DESIGN §5, over a real socket: every endpoint and status code, the
 * authorization table, ETag/If-Match, Idempotency-Key, and a corpus of bad requests that must
 * answer 4xx problem+json and change nothing. Both HTTP adapters run it; so can a whole server.
 * @example
 * describeHttpContract('express', {
 *   start: async () => {
 *     const adapters = inMemoryAdapters({ catalog: CONTRACT_CATALOG })
 *     const app = createExpressApp({ service: createOrderService(adapters), auth: { jwtSecret: CONTRACT_JWT_SECRET } })
 *     const server = app.listen(0, '127.0.0.1')
 *     await once(server, 'listening')
 *     return { baseUrl: `http://127.0.0.1:${server.address().port}`, close: () => closeServer(server), adapters }
 *   },
 * })
 */
export function describeHttpContract(name: string, options: HttpContractOptions): void {
  describe(`${name} HTTP contract`, () => {
    cartContract(options)
    checkoutContract(options)
    orderContract(options)
    orderStatusContract(options)
    productContract(options)
    authorizationContract(options)
    conditionalRequestContract(options)
    idempotencyContract(options)
    bodyRuleContract(options)
    failureContract(options)
    requestTargetContract(options)
    headRequestContract(options)
    badRequestContract(options)
  })
}
