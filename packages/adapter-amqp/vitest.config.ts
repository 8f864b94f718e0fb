import { packageTestConfig } from '../../vitest.shared.js'

// The connection-loss tests wait for reconnects and drains on a shared, busy broker.
export default packageTestConfig({ testTimeout: 45_000 })
