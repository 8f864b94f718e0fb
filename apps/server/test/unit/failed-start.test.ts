import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { startServer } from '../../src/application.js'
import { loadConfig } from '../../src/config/load-config.js'
import { capturingLogger } from '../support/silent-logger.js'

const ALL = { mongo: true, redis: true, amqp: true }
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length

describe('a start that fails', () => {
  // Regression: the worker loops were started before the listen, and a failed listen (EADDRINUSE) left
  // them, and the container's connections, running in the process that embedded the server.
  it('leaves no loop or connection running when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    const config = loadConfig({ AUTH_DEV_HEADERS: 'true', PORT: String(port) }, ALL)
    const before = timers()
    try {
      await expect(startServer(config, capturingLogger().logger, { banner: () => {} })).rejects.toMatchObject(
        {
          code: 'EADDRINUSE',
        },
      )
      await sleep(300) // past a relay interval: a loop still running would have scheduled its next pass
      expect(timers()).toBeLessThanOrEqual(before)
    } finally {
      blocker.close()
    }
  })
})
