import type { Cluster, Redis } from 'ioredis'
import { clusterSlot } from './cluster-slot.js'

/** Narrows an injected client to a Cluster without `instanceof` (robust to two copies of ioredis). */
export function isClusterClient(client: Redis | Cluster): client is Cluster {
  return (client as Cluster).isCluster === true
}

/**
 * Whether `error` is Redis refusing a GET on a key of another type. Such a key is an unreadable entry: a miss,
 * as MGET answers it, which the next set replaces; not a failure of the call (or of the whole batch).
 */
export function isWrongType(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('WRONGTYPE')
}

/**
 * Reads `keys` in one round trip per node, answering the values in the order of `keys` (null for a miss).
 * A single Redis gets one MGET. On a Cluster a multi-key command may not span slots, so the keys are grouped by
 * the node that owns their slot and each node gets one pipeline of GETs.
 */
export async function readMany(client: Redis | Cluster, keys: readonly string[]): Promise<(string | null)[]> {
  if (keys.length === 0) return []
  if (!isClusterClient(client)) return client.mget(...keys)
  const groups = groupByNode(client, keys)
  const values: (string | null)[] = new Array(keys.length).fill(null)
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const pipeline = client.pipeline()
      for (const index of indexes) pipeline.get(keys[index]!)
      const replies = (await pipeline.exec()) ?? []
      indexes.forEach((keyIndex, i) => {
        const [error, value] = replies[i] ?? [new Error('no reply in pipeline'), null]
        if (error && !isWrongType(error)) throw error
        values[keyIndex] = typeof value === 'string' ? value : null
      })
    }),
  )
  return values
}

/**
 * Indexes of `keys` grouped by the nodes serving their slot (master first, then replicas: the grouping ioredis
 * itself requires of a pipeline). Before the slot map is known (the client is still connecting) every key is its
 * own group, and ioredis routes each GET on its own.
 */
function groupByNode(client: Cluster, keys: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  keys.forEach((key, index) => {
    const owner = client.slots[clusterSlot(key)]?.join(';') ?? `unmapped:${index}`
    const group = groups.get(owner)
    if (group) group.push(index)
    else groups.set(owner, [index])
  })
  return groups
}
