import type { LoadFigures } from './load.js'

/** Figures per `<config>|<workload>`, one per round. */
export type Results = Map<string, LoadFigures[]>

const WORKLOADS = ['GET order', 'POST cart line']
/** Which baseline each stack is held against, and the target of the issue (cache on). */
const COMPARISONS = [
  { stack: 'Hono stack', baseline: 'bare node:http', target: 0.6 },
  { stack: 'Express stack', baseline: 'bare Express route', target: 0.9 },
  { stack: 'Hono stack', baseline: 'bare Hono route', target: undefined },
  { stack: 'Express stack', baseline: 'bare node:http', target: undefined },
  { stack: 'Express stack', baseline: 'bare Express, as is', target: undefined },
]

interface Medians {
  rps: number
  p99: number
  /** Requests per second one core could serve, from the server's CPU time per request. */
  capacity: number | undefined
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function mediansOf(results: Results, key: string): Medians {
  const runs = results.get(key)
  if (!runs) throw new Error(`[bench] [http] no figures for ${key}`)
  const cpu = runs.map((r) => r.cpuMicrosPerRequest).filter((c): c is number => c !== undefined)
  return {
    rps: median(runs.map((r) => r.requestsPerSecond)),
    p99: median(runs.map((r) => r.p99Ms)),
    capacity: cpu.length === runs.length ? 1_000_000 / median(cpu) : undefined,
  }
}

const pad = (text: string, width: number) => text.padEnd(width)
const num = (n: number | undefined) => (n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'))
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? ' n/a' : `${(a / b).toFixed(2)} x`

export function printReport(results: Results, configs: string[]): void {
  console.log(
    'server: req/s measured, p99 latency, and capacity = 1 s / server CPU time per request (one core)',
  )
  for (const workload of WORKLOADS) {
    console.log(`${workload}:`)
    for (const config of configs) {
      const m = mediansOf(results, `${config}|${workload}`)
      console.log(
        `  ${pad(config, 26)} ${num(m.rps).padStart(7)} req/s   p99 ${m.p99.toFixed(1).padStart(6)} ms   ` +
          `capacity ${num(m.capacity).padStart(7)} req/s`,
      )
    }
  }
  console.log('\nratios stack / baseline (req/s and capacity: higher is better; p99: lower is better):')
  for (const workload of WORKLOADS) {
    for (const { stack, baseline, target } of COMPARISONS) {
      const base = mediansOf(results, `${baseline}|${workload}`)
      for (const cache of ['cache on', 'cache off']) {
        const m = mediansOf(results, `${stack}, ${cache}|${workload}`)
        const verdict =
          target === undefined || cache === 'cache off'
            ? ''
            : `  target ${target}: req/s ${m.rps / base.rps >= target ? 'met' : 'BELOW'}, capacity ${
                m.capacity !== undefined &&
                base.capacity !== undefined &&
                m.capacity / base.capacity >= target
                  ? 'met'
                  : 'BELOW'
              }`
        console.log(
          `  ${pad(workload, 15)} ${pad(`${stack}, ${cache}`, 25)} vs ${pad(baseline, 19)} req/s ${ratio(m.rps, base.rps)}` +
            `   p99 ${ratio(m.p99, base.p99)}   capacity ${ratio(m.capacity, base.capacity)}${verdict}`,
        )
      }
    }
  }
}
