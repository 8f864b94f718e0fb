import { defineConfig } from 'vitest/config'
import { workspaceAliases } from '../../../../../vitest.shared.js'

/** Only for the child process of broken-variants.test.ts: runs the broken adapters' suites. */
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/contracts/broken/broken-adapters.suite.ts'], testTimeout: 20_000 },
})
