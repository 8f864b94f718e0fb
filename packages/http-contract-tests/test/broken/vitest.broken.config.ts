import { defineConfig } from 'vitest/config'
import { workspaceAliases } from '../../../../vitest.shared.js'

/** Only for the child process of broken-servers.test.ts: runs the contract against broken servers. */
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/broken/broken-servers.suite.ts'], testTimeout: 20_000 },
})
