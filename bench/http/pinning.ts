import { spawnSync } from 'node:child_process'

/** Pins every thread of this process to `cpu` with taskset; false (and a warning) when it cannot. */
export function pinThisProcess(cpu: number): boolean {
  const probe = spawnSync('taskset', ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    console.warn('[bench] [http] taskset is not available: server and load generator share the CPUs')
    return false
  }
  const pin = spawnSync('taskset', ['-a', '-c', '-p', String(cpu), String(process.pid)], { encoding: 'utf8' })
  if (pin.status !== 0) {
    console.warn(`[bench] [http] taskset could not pin the load generator: ${pin.stderr.trim()}`)
    return false
  }
  return true
}
