import { dependencyUnavailable, type OrderServiceError } from '@orders/core'

/**
 * Runs one cache operation with a deadline. Whatever goes wrong (a Redis error, a lost connection, no reply
 * within `timeoutMs`) becomes DEPENDENCY_UNAVAILABLE from `[orders] [redis]`, which the core's product lookup
 * skips. The deadline holds even for an injected client without `commandTimeout`.
 */
export async function redisCall<T>(operation: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    const call = run()
    // A call that loses the race may still reject later; that rejection is already answered.
    call.catch(() => {})
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${operation}: no reply within ${timeoutMs} ms`)), timeoutMs)
    })
    return await Promise.race([call, deadline])
  } catch (error) {
    throw asRedisError(operation, error)
  } finally {
    clearTimeout(timer)
  }
}

function asRedisError(operation: string, error: unknown): OrderServiceError {
  const reason = error instanceof Error ? error.message : String(error)
  const message = reason.startsWith(`${operation}:`) ? reason : `${operation}: ${reason}`
  return dependencyUnavailable('redis', new Error(message, { cause: error }))
}
