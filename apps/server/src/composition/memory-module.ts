import { inMemoryAdapters } from '@orders/core/testing'
import { ContainerModule } from 'inversify'
import type { Storage } from './tokens.js'
import { TOKENS } from './tokens.js'

/**
 * Storage in this process's memory (the embedded default): the real in-memory adapters of
 * @orders/core, with versions, conditional writes and TTLs; nothing survives a restart.
 */
export function memoryModule(maxPendingEvents: number): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.storage)
      .toDynamicValue((): Storage => {
        const memory = inMemoryAdapters({ maxPendingEvents })
        return {
          kind: 'memory',
          orders: memory.orders,
          carts: memory.carts,
          products: memory.products,
          idempotency: memory.idempotency,
        }
      })
      .inSingletonScope()
    bind(TOKENS.healthCheck).toConstantValue({ name: 'memory', critical: true, check: async () => {} })
  })
}
