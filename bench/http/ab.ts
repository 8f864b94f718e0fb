/**
 * Interleaved A/B of HTTP server kinds on one workload: each kind in its own child process pinned to
 * CPU 0, autocannon here on CPU 1, slices of BENCH_SECONDS taken in turn, BENCH_ROUNDS times. Prints
 * the server CPU time per request (min, median, every slice) and each kind's capacity ratio to the
 * first. Steadier than the full bench for judging one change; not a test, asserts nothing.
 *
 *   cd bench && node --import tsx http/ab.ts post bare-node hono      (BENCH_ROUNDS=7 BENCH_SECONDS=2)
 */
import { availableParallelism } from 'node:os'
import { type ChildServer, startChildServer } from './child-server.js'
import { drive } from './load.js'
import { pinThisProcess } from './pinning.js'
import { SERVER_KINDS, type ServerKind } from './servers.js'
import { benchWorkloads } from './workloads.js'

const [which, ...kinds] = process.argv.slice(2)
if ((which !== 'get' && which !== 'post') || kinds.length === 0) {
  throw new Error(`usage: ab.ts <get|post> <kind>... (kinds: ${SERVER_KINDS.join(', ')})`)
}
for (const kind of kinds) {
  if (!SERVER_KINDS.includes(kind as ServerKind)) throw new Error(`[bench] unknown server kind ${kind}`)
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2)
const CONNECTIONS = 32

const pinned = availableParallelism() >= 2 && pinThisProcess(1)
const workloadsFor = await benchWorkloads()
const workload = (server: ChildServer) => workloadsFor(server.orderId)[which === 'get' ? 0 : 1]

const servers: ChildServer[] = []
try {
  for (const kind of kinds)
    servers.push(await startChildServer(kind as ServerKind, true, pinned ? 0 : undefined))
  for (const server of servers)
    await drive(server.url, workload(server), { durationSeconds: 1, connections: CONNECTIONS })
  const micros: number[][] = servers.map(() => [])
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, server] of servers.entries()) {
      const figures = await drive(server.url, workload(server), {
        durationSeconds: SECONDS,
        connections: CONNECTIONS,
        serverPid: server.pid,
      })
      if (figures.cpuMicrosPerRequest !== undefined) micros[i]!.push(figures.cpuMicrosPerRequest)
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const base = median(micros[0]!)
  console.log(`${which.toUpperCase()}: server CPU µs per request over ${ROUNDS} slices of ${SECONDS} s`)
  for (const [i, kind] of kinds.entries()) {
    const values = micros[i]!
    console.log(
      `  ${kind.padEnd(14)} min ${Math.min(...values)
        .toFixed(1)
        .padStart(6)}  median ` +
        `${median(values).toFixed(1).padStart(6)}  capacity vs ${kinds[0]} ${(base / median(values)).toFixed(2)}  ` +
        `[${values.map((v) => v.toFixed(0)).join(' ')}]`,
    )
  }
} finally {
  for (const server of servers) await server.stop()
}
