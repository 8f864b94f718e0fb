/** One dependency the instance needs to serve: resolves when it answers, rejects otherwise. */
export interface HealthCheck {
  /** e.g. `mongodb`, `redis`, `rabbitmq`, `memory`. */
  readonly name: string
  check(): Promise<void>
}

export interface CheckOutcome {
  status: 'up' | 'down'
  latencyMs: number
  error?: string
}

export interface Readiness {
  status: 'ready' | 'not_ready' | 'shutting_down'
  checks: Record<string, CheckOutcome>
}

/** Runs every check at once, each bounded by `timeoutMs`; ready only when all are up. */
export async function checkReadiness(
  checks: readonly HealthCheck[],
  options: { timeoutMs: number; shuttingDown: boolean },
): Promise<Readiness> {
  const outcomes = await Promise.all(checks.map((check) => runCheck(check, options.timeoutMs)))
  const byName = Object.fromEntries(checks.map((check, i) => [check.name, outcomes[i] as CheckOutcome]))
  const allUp = outcomes.every((outcome) => outcome.status === 'up')
  return {
    status: options.shuttingDown ? 'shutting_down' : allUp ? 'ready' : 'not_ready',
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
    return { status: 'up', latencyMs: elapsed(started) }
  } catch (error) {
    return { status: 'down', latencyMs: elapsed(started), error: messageOf(error) }
  } finally {
    clearTimeout(timer)
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
