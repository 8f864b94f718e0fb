import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ServerKind } from './servers.js'

export interface ChildServer {
  url: string
  orderId: string
  pid: number
  stop(): Promise<void>
}

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url))

/** Starts a server in a child process, pinned to `cpu` with taskset when given. */
export async function startChildServer(
  kind: ServerKind,
  cache: boolean,
  cpu: number | undefined,
): Promise<ChildServer> {
  const node = [process.execPath, '--import', 'tsx', ENTRY, kind, cache ? 'on' : 'off']
  const child: ChildProcess =
    cpu === undefined
      ? spawn(node[0]!, node.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn('taskset', ['-c', String(cpu), ...node], { stdio: ['ignore', 'pipe', 'inherit'] })
  const ready = await new Promise<{ port: number; orderId: string }>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = /^READY (.*)$/m.exec(output)?.[1]
      if (line) resolve(JSON.parse(line))
    })
    child.once('exit', (code) => reject(new Error(`[bench] [http] ${kind} server exited with ${code}`)))
  })
  return {
    url: `http://127.0.0.1:${ready.port}`,
    orderId: ready.orderId,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit')
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
