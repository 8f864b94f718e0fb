/**
 * HTTP stack bench: GET an order and POST a cart line (a fresh user per request) through the Express
 * and Hono adapters (in-memory core, JWT auth on, verified-token cache on and off), against a bare
 * node:http server, a bare Express route and a bare Hono route answering the same JSON. Each server
 * runs in a child process pinned to CPU 0, autocannon in this process pinned to CPU 1. Any non-2xx
 * answer aborts.
 * Not a test: it prints figures and ratios measured in the same run.
 *
 *   cd bench && node --import tsx http/run.ts      (BENCH_SECONDS=2 BENCH_ROUNDS=4 BENCH_CONNECTIONS=32)
 */
import { availableParallelism } from 'node:os'
import { printBreakdown } from './breakdown.js'
import { type ChildServer, startChildServer } from './child-server.js'
import { drive } from './load.js'
import { pinThisProcess } from './pinning.js'
import { printReport, type Results } from './report.js'
import type { ServerKind } from './servers.js'
import { benchWorkloads } from './workloads.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2)
const WARMUP_SECONDS = 1
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)

const CONFIGS: { name: string; kind: ServerKind; cache: boolean }[] = [
  { name: 'bare node:http', kind: 'bare-node', cache: true },
  { name: 'bare Express route', kind: 'bare-express', cache: true },
  { name: 'bare Express, as is', kind: 'bare-express-default-server', cache: true },
  { name: 'bare Hono route', kind: 'bare-hono', cache: true },
  { name: 'Express stack, cache on', kind: 'express', cache: true },
  { name: 'Express stack, cache off', kind: 'express', cache: false },
  { name: 'Hono stack, cache on', kind: 'hono', cache: true },
  { name: 'Hono stack, cache off', kind: 'hono', cache: false },
]

const pinned = availableParallelism() >= 2 && pinThisProcess(1)
const serverCpu = pinned ? 0 : undefined
const workloadsFor = await benchWorkloads()
const workloads = (server: ChildServer) => workloadsFor(server.orderId)

// Every server runs for the whole bench (idle ones cost nothing); cases are interleaved in short
// slices so the noise of a shared machine falls on all of them alike; the report takes medians.
const servers = new Map<string, ChildServer>()
for (const config of CONFIGS)
  servers.set(config.name, await startChildServer(config.kind, config.cache, serverCpu))
const results: Results = new Map()
const started = Date.now()
try {
  for (const config of CONFIGS) {
    for (const workload of workloads(servers.get(config.name)!)) {
      await drive(servers.get(config.name)!.url, workload, {
        durationSeconds: WARMUP_SECONDS,
        connections: CONNECTIONS,
      })
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const workloadIndex of [0, 1]) {
      for (const config of CONFIGS) {
        const server = servers.get(config.name)!
        const workload = workloads(server)[workloadIndex]!
        const figures = await drive(server.url, workload, {
          durationSeconds: SECONDS,
          connections: CONNECTIONS,
          serverPid: server.pid,
        })
        const key = `${config.name}|${workload.name}`
        results.set(key, [...(results.get(key) ?? []), figures])
      }
    }
  }
} finally {
  for (const server of servers.values()) await server.stop()
}

console.log(
  `HTTP bench: median of ${ROUNDS} interleaved rounds of ${SECONDS} s per case (after ${WARMUP_SECONDS} s of warm-up), ${CONNECTIONS} connections, ` +
    `${pinned ? 'server on CPU 0, autocannon on CPU 1' : 'NOT pinned (taskset missing or 1 CPU)'}, ` +
    `took ${Math.round((Date.now() - started) / 1000)} s\n`,
)
printReport(
  results,
  CONFIGS.map((c) => c.name),
)
await printBreakdown()
