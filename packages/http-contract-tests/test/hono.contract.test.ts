import { describeHttpContract } from '../src/index.js'
import { startHono } from './support/servers.js'

describeHttpContract('hono', { start: startHono })
