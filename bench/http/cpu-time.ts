import { readFileSync } from 'node:fs'

/** Clock ticks per second of /proc times (USER_HZ; 100 on Linux everywhere that matters). */
const TICKS_PER_SECOND = 100

/**
 * CPU time (user + system, all threads) a process has used so far, in microseconds, from
 * /proc/<pid>/stat; undefined where there is no /proc. Unlike req/s, CPU time per request hardly
 * moves when other processes compete for the same core.
 */
export function cpuMicrosOf(pid: number): number | undefined {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) / TICKS_PER_SECOND) * 1_000_000
}
