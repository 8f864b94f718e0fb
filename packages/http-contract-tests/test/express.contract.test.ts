import { describeHttpContract } from '../src/index.js'
import { startExpress } from './support/servers.js'

describeHttpContract('express', { start: startExpress })
