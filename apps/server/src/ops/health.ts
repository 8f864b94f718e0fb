/** One dependency of the instance: resolves when it answers, rejects otherwise. */
export interface HealthCheck {
  /** e.g. `mongodb`, `redis`, `rabbitmq`, `memory`. */
  readonly name: string
  /**
   * Whether the instance cannot do its job without it: only critical checks decide readiness (503).
   * A non-critical one that is down is still reported (the instance runs degraded).
   */
  readonly critical: boolean
  check(): Promise<void>
}

export interface CheckOutcome {
  status: 'up' | 'down'
  critical: boolean
  latencyMs: number
  error?: string
}

export interface Readiness {
  status: 'ready' | 'not_ready' | 'shutting_down'
  checks: Record<string, CheckOutcome>
}

/** Runs every check at once, each bounded by `timeoutMs`; ready when every critical one is up. */
export async function checkReadiness(
  checks: readonly HealthCheck[],
  options: { timeoutMs: number; shuttingDown: boolean },
): Promise<Readiness> {
  const outcomes = await Promise.all(checks.map((check) => runCheck(check, options.timeoutMs)))
  const byName = Object.fromEntries(checks.map((check, i) => [check.name, outcomes[i] as CheckOutcome]))
  const criticalUp = outcomes.every((outcome) => !outcome.critical || outcome.status === 'up')
  return {
    status: options.shuttingDown ? 'shutting_down' : criticalUp ? 'ready' : 'not_ready',
    checks: byName,
  }
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<CheckOutcome> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      check.check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
    return { status: 'up', critical: check.critical, latencyMs: elapsed(started) }
  } catch (error) {
    return { status: 'down', critical: check.critical, latencyMs: elapsed(started), error: messageOf(error) }
  } finally {
    clearTimeout(timer)
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
