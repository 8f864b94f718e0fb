import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url))

export interface LogLine {
  level: number
  msg: string
  [key: string]: unknown
}

export interface ServerProcess {
  readonly url: string
  readonly child: ChildProcess
  /** JSON log lines (stdout) so far. */
  readonly logs: LogLine[]
  /** Everything written to stderr so far (the plain-text banner). */
  stderr(): string
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  exited: Promise<number | null>
}

/**
 * Starts the BUILT server (`dist/main.js`) as a child process with exactly `env` (plus PATH/HOME),
 * in an empty working directory (no stray .env), on a free port unless PORT is given.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build the server first (turbo runs build before test)`)
  const cwd = mkdtempSync(join(tmpdir(), 'orders-server-'))
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: LogLine[] = []
  let stderr = ''
  let pending = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) if (line.trim()) logs.push(parseLine(line))
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL') // never leave an orphan server behind
      reject(new Error(`server did not listen within 20 s:\n${dump()}`))
    }, 20_000)
    const poll = setInterval(() => {
      const listening = logs.find((line) => line.msg.startsWith('listening on'))
      if (listening) {
        clearInterval(poll)
        clearTimeout(timer)
        resolve(String(listening.url))
      }
    }, 20)
    void exited.then((code) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${dump()}`))
    })
  })
  function dump() {
    return `${logs.map((l) => JSON.stringify(l)).join('\n')}\n${stderr}`
  }
  return {
    url,
    child,
    logs,
    stderr: () => stderr,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
  }
}

function parseLine(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine
  } catch {
    return { level: 0, msg: line }
  }
}

/** Runs a config-invalid start: resolves with exit code and stderr. */
export function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'orders-server-'))
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr })
    }),
  )
}
