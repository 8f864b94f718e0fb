/**
 * Child process of the HTTP bench: `node --import tsx http/server-process.ts <kind> <cache on|off>`.
 * Prints one line `READY {"port":…,"orderId":…}` once listening, then serves until killed.
 */
import { buildFixture } from './fixtures.js'
import { SERVER_KINDS, type ServerKind, startServer } from './servers.js'

const [kind, cache] = process.argv.slice(2)
if (!SERVER_KINDS.includes(kind as ServerKind)) throw new Error(`[bench] unknown server kind ${kind}`)
const fixture = await buildFixture()
const port = await startServer(kind as ServerKind, fixture, cache !== 'off')
process.stdout.write(`READY ${JSON.stringify({ port, orderId: fixture.orderId })}\n`)
// Exit normally on SIGTERM, so `--cpu-prof` (when profiling the server) writes its profile.
process.on('SIGTERM', () => process.exit(0))
