import type { AvailableAdapters } from '../config/server-config.js'

/** The real adapters this build wires; setting the variable of one that is not here fails at start. */
export const AVAILABLE_ADAPTERS: AvailableAdapters = { mongo: true, redis: true, amqp: true }
