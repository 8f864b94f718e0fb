import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEnv } from '../../src/config/read-env.js'

describe('readEnv', () => {
  it('overlays the .env file with the process environment, which wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-env-'))
    const file = join(dir, 'custom.env')
    writeFileSync(file, 'PORT=4000\nROLE=all\n# a comment\nLOG_LEVEL=debug\n')
    const { env, envFile } = readEnv({ ENV_FILE: file, PORT: '5000' })
    expect(envFile).toBe(file)
    expect(env).toMatchObject({ PORT: '5000', ROLE: 'all', LOG_LEVEL: 'debug' })
  })

  it('refuses an ENV_FILE that does not exist, and needs no .env otherwise', () => {
    expect(() => readEnv({ ENV_FILE: '/nonexistent/orders.env' })).toThrow(/ENV_FILE: .* does not exist/)
  })
})
