export { type RunningServer, type StartOptions, startServer } from './application.js'
export { AVAILABLE_ADAPTERS } from './composition/available-adapters.js'
export { buildContainer } from './composition/build-container.js'
export {
  type BackgroundConsumer,
  type Registry,
  resolver,
  type Storage,
  TOKENS,
} from './composition/tokens.js'
export { ConfigError } from './config/config-error.js'
export { type Env, type EnvName, envSchema } from './config/env-schema.js'
export { loadConfig } from './config/load-config.js'
export { readEnv } from './config/read-env.js'
export type { AvailableAdapters, ServerConfig } from './config/server-config.js'
export { DEMO_CATALOG } from './demo/demo-catalog.js'
export { checkReadiness, type HealthCheck, type Readiness } from './ops/health.js'
export { createLogger } from './ops/logger.js'
export { createServerMetrics, type ServerMetrics } from './ops/metrics.js'
