import { createHash } from 'node:crypto'
import type { Cluster, Redis } from 'ioredis'

/**
 * Why a script: "read the cached version, compare, write with a fresh TTL" must be one atomic step, or two
 * racing writers could leave the older version behind. It touches exactly one key, so it runs on a Cluster
 * too. An entry that does not decode (another format) counts as absent and is replaced.
 *
 * KEYS[1] the entry key; ARGV[1] the new version; ARGV[2] the encoded state; ARGV[3] the TTL in ms.
 * Returns 1 when written, 0 when an equal or newer version is cached.
 */
export const SET_IF_NEWER_LUA = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, entry = pcall(cjson.decode, current)
  if ok and type(entry) == 'table' and type(entry.version) == 'number'
    and entry.version >= tonumber(ARGV[1]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`

const SET_IF_NEWER_SHA = createHash('sha1').update(SET_IF_NEWER_LUA).digest('hex')

export interface SetIfNewerArgs {
  key: string
  version: number
  encoded: string
  ttlMs: number
}

/**
 * Runs the script by its SHA (EVALSHA) and loads it with EVAL only when the node answers NOSCRIPT (first use,
 * after a restart or a failover), so the script body crosses the network once per node.
 */
export async function setIfNewer(client: Redis | Cluster, args: SetIfNewerArgs): Promise<boolean> {
  const argv = [String(args.version), args.encoded, String(args.ttlMs)]
  let reply: unknown
  try {
    reply = await client.evalsha(SET_IF_NEWER_SHA, 1, args.key, ...argv)
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
    reply = await client.eval(SET_IF_NEWER_LUA, 1, args.key, ...argv)
  }
  return Number(reply) === 1
}
