import type { InMemoryAdapters } from '@orders/core/testing'

/** A server under test, listening (e.g. on 127.0.0.1, port 0). */
export interface StartedServer {
  /** e.g. `http://127.0.0.1:38211`, no trailing slash. */
  baseUrl: string
  close(): Promise<void>
  /**
   * The in-memory adapters behind the server, when the starter built them itself. With them the
   * suite also runs the tests that need a failing dependency or a request in flight elsewhere
   * (503, CHECKOUT_IN_PROGRESS, IDEMPOTENCY_KEY_IN_USE); without them those tests are skipped.
   */
  adapters?: InMemoryAdapters
}

export interface HttpContractOptions {
  /**
   * Starts a fresh server: a new in-memory core (`createOrderService(inMemoryAdapters({ catalog:
   * CONTRACT_CATALOG }))`), HS256 auth with `CONTRACT_JWT_SECRET`, listening on a free port.
   * Called before every test (the bad-request corpus shares one server per class).
   */
  start: () => Promise<StartedServer>
}
