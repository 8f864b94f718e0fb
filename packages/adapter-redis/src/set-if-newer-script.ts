import { createHash } from 'node:crypto'
import type { Cluster, Redis } from 'ioredis'

/**
 * Why a script: "read the cached version, compare, write with a fresh TTL" must be one atomic step, or two
 * racing writers could leave the older version behind. It touches exactly one key, so it runs on a Cluster
 * too. Only an entry the adapter can read back (`readable` mirrors `decodeProductEntry`) keeps its version;
 * anything else — a key of another type, another format, an entry for another id — counts as absent and is
 * replaced, or its version would turn the key into a miss that no set repairs.
 *
 * KEYS[1] the entry key; ARGV[1] the new version; ARGV[2] the encoded state; ARGV[3] the TTL in ms;
 * ARGV[4] the product id. Returns 1 when written, 0 when an equal or newer version is cached.
 */
export const SET_IF_NEWER_LUA = `
local function int(v)
  return type(v) == 'number' and v == math.floor(v) and math.abs(v) <= 9007199254740991
end
local function readable(e, id)
  if type(e) ~= 'table' or e.productId ~= id or not int(e.version) then return false end
  if e.deleted == true then return true end
  if e.deleted ~= false or type(e.name) ~= 'string' or type(e.available) ~= 'boolean' then return false end
  local p = e.price
  if type(p) ~= 'table' or not int(p.amount) or type(p.currency) ~= 'string' then return false end
  return e.stock == nil or int(e.stock)
end
if redis.call('TYPE', KEYS[1]).ok == 'string' then
  local ok, entry = pcall(cjson.decode, redis.call('GET', KEYS[1]))
  if ok and readable(entry, ARGV[4]) and entry.version >= tonumber(ARGV[1]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`

const SET_IF_NEWER_SHA = createHash('sha1').update(SET_IF_NEWER_LUA).digest('hex')

export interface SetIfNewerArgs {
  key: string
  productId: string
  version: number
  encoded: string
  ttlMs: number
}

/**
 * Runs the script by its SHA (EVALSHA) and loads it with EVAL only when the node answers NOSCRIPT (first use,
 * after a restart or a failover), so the script body crosses the network once per node.
 */
export async function setIfNewer(client: Redis | Cluster, args: SetIfNewerArgs): Promise<boolean> {
  const argv = [String(args.version), args.encoded, String(args.ttlMs), args.productId]
  let reply: unknown
  try {
    reply = await client.evalsha(SET_IF_NEWER_SHA, 1, args.key, ...argv)
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
    reply = await client.eval(SET_IF_NEWER_LUA, 1, args.key, ...argv)
  }
  return Number(reply) === 1
}
