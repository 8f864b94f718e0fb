/** What the connection reports, for logs, metrics and readiness. */
export interface ConnectionEventMap {
  /** Connected and every participant set up (topology asserted, consumers running). */
  connected: undefined
  /** The connection was lost (or closed); `error` says why when it was not a clean close. */
  disconnected: Error | undefined
  /** A reconnect is scheduled after `delayMs`. */
  reconnecting: { attempt: number; delayMs: number; error: Error | undefined }
  /** A failure that was handled (a channel error, a failed setup); the connection recovers by itself. */
  error: Error
}

type Listener<K extends keyof ConnectionEventMap> = (payload: ConnectionEventMap[K]) => void

/** A tiny typed emitter. Unlike node's EventEmitter, an `error` without listeners never throws. */
export class ConnectionEvents {
  private readonly listeners = new Map<keyof ConnectionEventMap, Set<Listener<never>>>()

  on<K extends keyof ConnectionEventMap>(event: K, listener: Listener<K>): this {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener as Listener<never>)
    return this
  }

  off<K extends keyof ConnectionEventMap>(event: K, listener: Listener<K>): this {
    this.listeners.get(event)?.delete(listener as Listener<never>)
    return this
  }

  protected emit<K extends keyof ConnectionEventMap>(event: K, payload: ConnectionEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        ;(listener as Listener<K>)(payload)
      } catch {
        // A listener's failure must not break the connection's life cycle.
      }
    }
  }
}
