interface PendingFailure {
  method: string | undefined
  error: Error
}

/**
 * Makes the next call of an in-memory adapter throw, so crash paths can be tested.
 * @example
 * adapters.orders.failures.failNext('insert')   // next insert throws
 * adapters.carts.failures.failNextWrite()        // next write of any kind throws
 */
export class FailureInjector {
  private pending: PendingFailure[] = []

  /** The next call of `method` throws `error`. */
  failNext(
    method: string,
    error: Error = new Error(`[orders] [memory] injected failure in ${method}`),
  ): void {
    this.pending.push({ method, error })
  }

  /** The next write (any method that changes state) throws `error`. */
  failNextWrite(error: Error = new Error('[orders] [memory] injected write failure')): void {
    this.pending.push({ method: undefined, error })
  }

  /** Called by adapters at the start of each method. */
  check(method: string, isWrite: boolean): void {
    const index = this.pending.findIndex((p) => p.method === method || (p.method === undefined && isWrite))
    if (index === -1) return
    const [failure] = this.pending.splice(index, 1)
    throw failure!.error
  }
}
