import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('./ferretdb.sh', import.meta.url))

/** A FerretDB started by `ferretdb.sh start`: its URI and how to stop it. */
export interface RunningFerretDb {
  /** `mongodb://127.0.0.1:PORT/` */
  readonly uri: string
  /** Stops FerretDB and deletes its temp dir; resolves once the script has exited. Idempotent. */
  stop(): Promise<void>
}

export interface StartFerretDbOptions {
  /** How long building (first time: about a minute) and starting may take. @default 240000 */
  timeoutMs?: number
  /** Where the script's own messages (build time, address) go. @default process.stderr */
  log?: (line: string) => void
}

/**
 * Builds FerretDB if needed and starts a private instance (free loopback port, SQLite state in a
 * temp dir) through `tools/ferretdb/ferretdb.sh`. Node built-ins only, so any package can use it.
 * The instance also stops by itself if this process dies (its stdin closes).
 * @example
 * const ferret = await startFerretDb()
 * const connection = await mongoose.createConnection(ferret.uri).asPromise()
 * await ferret.stop()
 */
export function startFerretDb(options: StartFerretDbOptions = {}): Promise<RunningFerretDb> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const child = spawn('bash', [script, 'start', '--stop-on-stdin-eof'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const stderr: string[] = []
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      stderr.push(line)
      log(line)
    }
  })

  return new Promise<RunningFerretDb>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => {
      fail(new Error(`FerretDB did not start within ${options.timeoutMs ?? 240_000} ms`))
      void stopChild(child)
    }, options.timeoutMs ?? 240_000)
    const fail = (error: Error) => {
      clearTimeout(timer)
      reject(new Error(`[orders] [ferretdb] ${error.message}\n${stderr.slice(-20).join('\n')}`.trim()))
    }
    child.on('error', fail)
    child.on('exit', (code, signal) => fail(new Error(`ferretdb.sh exited (${code ?? signal}) before it was ready`)))
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
      const match = /^MONGODB_URI=(\S+)$/m.exec(stdout)
      if (!match) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      const stopped = new Promise<void>((done) => child.once('exit', () => done()))
      let stopping: Promise<void> | undefined
      resolve({
        uri: match[1]!,
        stop: () => {
          stopping ??= stopChild(child).then(() => stopped)
          return stopping
        },
      })
    })
  })
}

/** SIGTERM (the script stops FerretDB and deletes its dir), SIGKILL after 10 s as a last resort. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
