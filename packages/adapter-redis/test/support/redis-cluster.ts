import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort, type PrivateRedis, startRedisServer, waitUntil } from './redis-processes.js'

const run = promisify(execFile)

/** A three-master Redis Cluster on free ports, owned by the test that started it. */
export interface TestCluster {
  /** Seed URLs, comma-separated, as `createRedisClient(url, { cluster: true })` takes them. */
  readonly url: string
  readonly nodes: readonly PrivateRedis[]
  stop(): Promise<void>
}

async function clusterInfo(port: number): Promise<string> {
  const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info'])
  return stdout
}

/** Starts three `--cluster-enabled` servers in a temp dir, joins them with `redis-cli --cluster create`. */
export async function startCluster(): Promise<TestCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'orders-redis-cluster-'))
  const nodes: PrivateRedis[] = []
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.kill()))
    await rm(dir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; i < 3; i += 1) {
      const [port, busPort] = [await freePort(), await freePort()]
      const args = ['--cluster-enabled', 'yes', '--cluster-port', String(busPort)]
      const configFile = ['--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir]
      nodes.push(await startRedisServer(port, [...args, ...configFile]))
    }
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`)
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'])
    for (const node of nodes) {
      await waitUntil(`cluster_state:ok on ${node.port}`, async () =>
        (await clusterInfo(node.port)).includes('cluster_state:ok'),
      )
    }
    return { url: nodes.map((node) => node.url).join(','), nodes, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
