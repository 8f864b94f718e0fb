/** The validated configuration the server runs with (from `loadConfig`). */
export interface ServerConfig {
  nodeEnv: 'development' | 'production' | 'test'
  role: 'all' | 'api' | 'worker'
  /** Nothing external configured: in-memory storage, demo catalog, dev headers. */
  embedded: boolean
  instanceId: string
  logLevel: string
  http: {
    host: string
    port: number
    framework: 'express' | 'hono'
    maxBodyBytes: number
    requestTimeoutMs: number
    /** Keep it above the load balancer's idle timeout, or it may reuse a connection Node just closed. */
    keepAliveTimeoutMs: number
  }
  auth: {
    jwtSecret?: string
    jwksUrl?: string
    issuer?: string
    audience?: string
    devHeaders: boolean
  }
  /** `serverSelectionTimeoutMs`: how long an operation waits for a usable server before failing (503). */
  mongo?: { uri: string; serverSelectionTimeoutMs: number }
  redis?: { url: string; cluster: boolean; keyPrefix: string; ttlSeconds: number }
  amqp?: {
    url: string
    productExchange: string
    productQueue: string
    orderExchange: string
    rpcQueue: string
    rpcTimeoutMs: number
    prefetch: number
    /** How long the start waits for the broker before going on without it (it keeps reconnecting). */
    connectWaitMs: number
  }
  demoCatalog: boolean
  allowInMemoryInProduction: boolean
  checkoutLeaseMs: number
  /** Unpublished events one order may hold; further changes to it answer 503 until the relay drains them. */
  maxPendingEvents: number
  healthCheckTimeoutMs: number
  shutdownTimeoutMs: number
  worker: {
    relayIntervalMs: number
    relayBatch: number
    outboxLeaseMs: number
    sweepIntervalMs: number
    purgeIntervalMs: number
  }
}

/** Which real adapters this build contains; a variable for a missing one is refused at start. */
export interface AvailableAdapters {
  mongo: boolean
  redis: boolean
  amqp: boolean
}
