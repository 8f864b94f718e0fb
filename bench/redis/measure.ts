/** One measured variant: how many cart lookups per second, and their latency percentiles. */
export interface Figures {
  opsPerSecond: number
  p50Ms: number
  p99Ms: number
}

export interface MeasureOptions {
  /** How long to run after the warm-up. */
  durationMs: number
  /** Lookups kept in flight at once (1 = sequential). */
  concurrency: number
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN

/** Runs `operation` for `durationMs` with `concurrency` workers, after a short warm-up. */
export async function measure(operation: () => Promise<unknown>, options: MeasureOptions): Promise<Figures> {
  await runFor(operation, { ...options, durationMs: Math.min(300, options.durationMs / 4) })
  return runFor(operation, options)
}

async function runFor(operation: () => Promise<unknown>, options: MeasureOptions): Promise<Figures> {
  const latencies: number[] = []
  const started = performance.now()
  const until = started + options.durationMs
  const worker = async () => {
    while (performance.now() < until) {
      const t0 = performance.now()
      await operation()
      latencies.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  const elapsedMs = performance.now() - started
  latencies.sort((a, b) => a - b)
  return {
    opsPerSecond: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  }
}

/** The median of each figure over several rounds (the machine is shared: single runs vary by 30–50 %). */
export function medianFigures(rounds: Figures[]): Figures {
  const median = (pick: (f: Figures) => number) => {
    const values = rounds.map(pick).sort((a, b) => a - b)
    return values[Math.floor(values.length / 2)] ?? Number.NaN
  }
  return {
    opsPerSecond: median((f) => f.opsPerSecond),
    p50Ms: median((f) => f.p50Ms),
    p99Ms: median((f) => f.p99Ms),
  }
}
