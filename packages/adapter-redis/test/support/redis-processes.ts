import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, Socket } from 'node:net'
import { promisify } from 'node:util'

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Answers whether something on `port` replies +PONG to PING. */
export function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')))
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'))
  })
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`[orders] [redis-test] timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A redis-server this test owns: started on `port`, nothing persisted, stopped by its own pid. */
export interface PrivateRedis {
  readonly port: number
  readonly url: string
  readonly process: ChildProcess
  /** Kills the server (SIGKILL: a crash, not a graceful shutdown) and waits for it to exit. */
  kill(): Promise<void>
}

export async function startRedisServer(
  port: number,
  extraArgs: readonly string[] = [],
): Promise<PrivateRedis> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  const child = spawn('redis-server', [...args, '--daemonize', 'no', ...extraArgs], { stdio: 'ignore' })
  const exited = once(child, 'exit')
  const spawnError = once(child, 'error').then(([error]) => {
    throw new Error(`[orders] [redis-test] cannot start redis-server: ${(error as Error).message}`)
  })
  await Promise.race([waitUntil(`redis-server on ${port}`, () => pings(port)), spawnError])
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    process: child,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGKILL')
      await exited
    },
  }
}

/**
 * Whether `redis-server` and `redis-cli` can be started here (tests that run their own servers skip without
 * them, with a message). With CI=true their absence is an error: CI never skips.
 */
export async function canRunRedisServers(what: string): Promise<boolean> {
  const run = promisify(execFile)
  try {
    await Promise.all([run('redis-server', ['--version']), run('redis-cli', ['--version'])])
    return true
  } catch (error) {
    const message = `[orders] [redis] redis-server/redis-cli not found for ${what}`
    if (process.env.CI === 'true')
      throw new Error(`${message} (CI=true: failing instead of skipping)`, { cause: error })
    console.warn(`${message}: skipping`)
    return false
  }
}
