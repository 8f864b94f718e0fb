import type { OrderRepository } from '@orders/core'
import { describe } from 'vitest'
import { adapterUnderTest, type ContractOptions } from '../contract-options.js'
import { conditionalUpdateContract } from './conditional-update.contract.js'
import { insertAndFindContract } from './insert-and-find.contract.js'
import { listContract } from './list.contract.js'
import { maintenanceContract } from './maintenance.contract.js'
import { outboxContract } from './outbox.contract.js'

/**
 * The OrderRepository contract (see the port's JSDoc). Ids are random, so several runs may share one
 * database; the adapter must use `env.clock` for leases.
 * @example
 * describeOrderRepositoryContract({
 *   name: 'mongo',
 *   create: ({ clock }) => mongoOrderRepository({ connection, clock }),
 *   cleanup: () => connection.dropDatabase(),
 * })
 */
export function describeOrderRepositoryContract(options: ContractOptions<OrderRepository>): void {
  describe(`${options.name} OrderRepository contract`, () => {
    const subject = adapterUnderTest(options.create, options.cleanup)
    insertAndFindContract(subject)
    conditionalUpdateContract(subject)
    outboxContract(subject)
    listContract(subject)
    maintenanceContract(subject)
  })
}
