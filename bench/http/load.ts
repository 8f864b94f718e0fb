import autocannon from 'autocannon'
import { cpuMicrosOf } from './cpu-time.js'

export interface LoadFigures {
  requestsPerSecond: number
  p99Ms: number
  total: number
  /** Server CPU time per request (µs), when the server's pid is known and /proc exists. */
  cpuMicrosPerRequest: number | undefined
}

export interface Workload {
  name: string
  method: 'GET' | 'POST'
  /** Called per request: a fresh path each time when the workload needs one. */
  path: () => string
  headers: Record<string, string>
  body?: string
}

/**
 * Drives one server with autocannon in this process. Any non-2xx answer, error or timeout throws:
 * a bench that measured failures measured nothing.
 */
export async function drive(
  url: string,
  workload: Workload,
  options: { durationSeconds: number; connections: number; serverPid?: number },
): Promise<LoadFigures> {
  const cpuBefore = options.serverPid === undefined ? undefined : cpuMicrosOf(options.serverPid)
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        method: workload.method,
        headers: workload.headers,
        ...(workload.body !== undefined ? { body: workload.body } : {}),
        setupRequest: (request) => ({ ...request, path: workload.path() }),
      },
    ],
  })
  const failures = result.non2xx + result.errors + result.timeouts
  if (failures > 0 || result.requests.total === 0) {
    throw new Error(
      `[bench] [http] ${workload.name} on ${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ` +
        `${result.timeouts} timeouts out of ${result.requests.total} requests`,
    )
  }
  const cpuAfter = options.serverPid === undefined ? undefined : cpuMicrosOf(options.serverPid)
  return {
    cpuMicrosPerRequest:
      cpuBefore === undefined || cpuAfter === undefined
        ? undefined
        : (cpuAfter - cpuBefore) / result.requests.total,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    total: result.requests.total,
  }
}
