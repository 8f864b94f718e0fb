import { DEFAULT_MAX_PENDING_EVENTS, type OrderRepository } from '@orders/core'
import { describe } from 'vitest'
import { adapterUnderTest, type ContractEnv, type ContractOptions } from '../contract-options.js'
import { conditionalUpdateContract } from './conditional-update.contract.js'
import { insertAndFindContract } from './insert-and-find.contract.js'
import { listContract } from './list.contract.js'
import { maintenanceContract } from './maintenance.contract.js'
import { outboxContract } from './outbox.contract.js'
import { outboxBoundContract } from './outbox-bound.contract.js'

export interface OrderRepositoryContractEnv extends ContractEnv {
  /** The outbox bound `create` must give the repository (its `maxPendingEvents` option). */
  maxPendingEvents: number
}

export type OrderRepositoryContractOptions = ContractOptions<OrderRepository, OrderRepositoryContractEnv>

/**
 * The OrderRepository contract (see the port's JSDoc). Ids are random, so several runs may share one
 * database; the adapter must use `env.clock` for leases and `env.maxPendingEvents` as its outbox bound
 * (the default bound, or a small one for the bound's own tests).
 * @example
 * describeOrderRepositoryContract({
 *   name: 'mongo',
 *   create: ({ clock, maxPendingEvents }) => mongoOrderRepository({ connection, clock, maxPendingEvents }),
 *   cleanup: () => connection.dropDatabase(),
 * })
 */
export function describeOrderRepositoryContract(options: OrderRepositoryContractOptions): void {
  describe(`${options.name} OrderRepository contract`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup, (env) => ({
      ...env,
      maxPendingEvents: DEFAULT_MAX_PENDING_EVENTS,
    }))
    insertAndFindContract(subject)
    conditionalUpdateContract(subject)
    outboxContract(subject)
    outboxBoundContract(options)
    listContract(subject)
    maintenanceContract(subject)
  })
}
