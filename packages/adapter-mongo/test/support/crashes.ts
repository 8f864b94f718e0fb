/**
 * Makes the next call of `method` on a real repository "crash": `before` throws without calling it,
 * `after` lets the write happen and then throws (the process died before it saw the answer).
 * Returns a copy of the repository; the original is untouched.
 */
export function crashNext<T extends object, K extends keyof T>(
  repository: T,
  method: K,
  phase: 'before' | 'after',
): T & { crashed: () => boolean } {
  let armed = true
  let fired = false
  const original = repository[method] as (...args: unknown[]) => Promise<unknown>
  const wrapped = async (...args: unknown[]) => {
    if (!armed) return original.apply(repository, args)
    armed = false
    fired = true
    if (phase === 'after') await original.apply(repository, args)
    throw new Error(`[orders] [test] crash ${phase} ${String(method)}`)
  }
  return { ...repository, [method]: wrapped, crashed: () => fired }
}
