// Runs the HTTP contract against deliberately broken servers. Not a *.test.ts file: only the child
// vitest process started by broken-servers.test.ts runs it (see vitest.broken.config.ts).
import { describeHttpContract } from '../../src/index.js'
import { BROKEN_SERVERS } from './broken-servers.js'

for (const { variant, start } of BROKEN_SERVERS) describeHttpContract(variant, { start })
