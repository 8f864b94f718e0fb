import { spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { benchWorkloads } from './workloads.js'
const [kind, which, ...flags] = process.argv.slice(2)
const child = spawn(process.execPath, [...flags, '--import', 'tsx', new URL('./server-process.ts', import.meta.url).pathname, kind!, 'on'], { stdio: ['ignore', 'pipe', 'pipe'] })
let out = ''
let lines: string[] = []
const onData = (c: Buffer) => { out += c.toString(); }
child.stdout!.on('data', onData); child.stderr!.on('data', onData)
const ready = await new Promise<{ port: number; orderId: string }>((resolve) => {
  const t = setInterval(() => { const m = /READY (.*)/.exec(out); if (m) { clearInterval(t); resolve(JSON.parse(m[1]!)) } }, 20)
})
const workload = (await benchWorkloads())(ready.orderId)[which === 'get' ? 0 : 1]!
const run = (amount: number) => autocannon({ url: `http://127.0.0.1:${ready.port}`, connections: 8, amount, requests: [{ method: workload.method, headers: workload.headers, ...(workload.body ? { body: workload.body } : {}), setupRequest: (r: any) => ({ ...r, path: workload.path() }) }] })
await run(20000)
await new Promise((r) => setTimeout(r, 500))
const mark = out.length
await run(2000)
await new Promise((r) => setTimeout(r, 500))
lines = out.slice(mark).split('\n').filter(Boolean)
const counts = new Map<string, number>()
for (const l of lines) { const k = l.replace(/0x[0-9a-f]+/g, '').slice(0, 200); counts.set(k, (counts.get(k) ?? 0) + 1) }
console.log(`${lines.length} lines over 2000 requests`)
for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(n, k)
child.kill('SIGTERM')
