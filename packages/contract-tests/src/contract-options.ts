import type { ManualClock } from '@orders/core/testing'
import { manualClock } from '@orders/core/testing'
import { afterEach, beforeEach } from 'vitest'

/** What each test hands to `create`: a fresh manual clock, started at the real current time. */
export interface ContractEnv {
  clock: ManualClock
}

export interface ContractOptions<T, E extends ContractEnv = ContractEnv> {
  /** Shown in the test names, e.g. `mongo` or `in-memory`. */
  name: string
  /** Creates the adapter under test; called before every test with that test's env. */
  create: (env: E) => Promise<T> | T
  /** Called after every test. */
  cleanup?: () => Promise<void> | void
}

export interface AdapterUnderTest<T> {
  /** The adapter created for the running test. */
  readonly adapter: T
  /** The env it was created with. */
  readonly env: ContractEnv
}

/**
 * Registers the per-test lifecycle: a fresh env and adapter before each test, cleanup after it.
 * The clock starts at the real time (not a fixed date) so stores with real TTL indexes never see
 * test records as long expired.
 */
export function adapterUnderTest<T, E extends ContractEnv = ContractEnv>(
  create: (env: E) => Promise<T> | T,
  cleanup: (() => Promise<void> | void) | undefined,
  extendEnv: (env: ContractEnv) => E = (env) => env as E,
): AdapterUnderTest<T> & { readonly env: E } {
  let current: { adapter: T; env: E } | undefined
  beforeEach(async () => {
    const env = extendEnv({ clock: manualClock(new Date()) })
    current = { adapter: await create(env), env }
  })
  afterEach(async () => {
    current = undefined
    await cleanup?.()
  })
  const running = () => {
    if (!current) throw new Error('[orders] [contract-tests] the adapter exists only inside a test')
    return current
  }
  return {
    get adapter() {
      return running().adapter
    },
    get env() {
      return running().env
    },
  }
}
