import { packageTestConfig } from '../../vitest.shared.js'

export default packageTestConfig({
  testTimeout: 30_000,
  globalSetup: ['../../tools/ferretdb/global-setup.ts'],
})
