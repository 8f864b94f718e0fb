import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type LogLine, MAIN } from '../support/server-process.js'

describe('a signal while the built server is starting', () => {
  // Regression: the signal handlers were registered only once the start was done, so a SIGTERM while the
  // start waited for a broker killed the process half-started (exit by signal, no "stopped" line).
  it('stops it gracefully once it is up: exit 0 and a clean stop', async () => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: mkdtempSync(join(tmpdir(), 'orders-server-')),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        AUTH_DEV_HEADERS: 'true',
        // Nothing listens on port 9: the start waits AMQP_CONNECT_WAIT_MS for the broker, then goes on.
        AMQP_URL: 'amqp://guest:guest@127.0.0.1:9',
        AMQP_CONNECT_WAIT_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const logs: LogLine[] = []
    let pending = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) if (line.trim()) logs.push(JSON.parse(line) as LogLine)
    })
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    )
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    try {
      while (logs.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(logs.some((line) => line.msg.startsWith('listening on'))).toBe(false)
      child.kill('SIGTERM')
      expect(await exited).toEqual({ code: 0, signal: null })
      const messages = logs.map((line) => line.msg)
      expect(messages).toContain('signal received while starting: stopping once started')
      expect(logs.at(-1)).toMatchObject({ msg: 'stopped', clean: true })
    } finally {
      clearTimeout(killer)
    }
  })
})
