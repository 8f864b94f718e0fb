import { fileURLToPath } from 'node:url'
import { defineConfig, type ViteUserConfig as UserConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * Tests resolve workspace packages from their sources, so a test run never depends on a stale
 * or half-written `dist` of another package. Builds and the pack test check the published shape.
 */
export const workspaceAliases = {
  '@orders/core/testing': src('./packages/core/src/testing/index.ts'),
  '@orders/core': src('./packages/core/src/index.ts'),
  '@orders/contract-tests': src('./packages/contract-tests/src/index.ts'),
  '@orders/http-contract-tests': src('./packages/http-contract-tests/src/index.ts'),
  '@orders/http-common': src('./packages/http-common/src/index.ts'),
  '@orders/http-express': src('./packages/http-express/src/index.ts'),
  '@orders/http-hono': src('./packages/http-hono/src/index.ts'),
  '@orders/adapter-mongo': src('./packages/adapter-mongo/src/index.ts'),
  '@orders/adapter-redis': src('./packages/adapter-redis/src/index.ts'),
  '@orders/adapter-amqp': src('./packages/adapter-amqp/src/index.ts'),
}

/** When ORDERS_TEST_REPORT_DIR is set (CI), each package also writes a JSON report there for the summary. */
function reporters(): NonNullable<NonNullable<UserConfig['test']>['reporters']> {
  const dir = process.env.ORDERS_TEST_REPORT_DIR
  if (!dir) return ['default']
  const name = process.cwd().split('/').slice(-2).join('-')
  return ['default', ['json', { outputFile: `${dir}/${name}.json` }]]
}

export function packageTestConfig(options: { testTimeout?: number; globalSetup?: string[] } = {}) {
  return defineConfig({
    resolve: { alias: workspaceAliases },
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 60_000,
      reporters: reporters(),
      ...(options.globalSetup ? { globalSetup: options.globalSetup } : {}),
    },
  })
}
