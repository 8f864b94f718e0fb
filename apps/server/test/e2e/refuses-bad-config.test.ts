import { describe, expect, it } from 'vitest'
import { runToExit } from '../support/server-process.js'

describe('the built server refuses to start on a bad configuration', () => {
  it('exits 2 and names every wrong variable', async () => {
    const { code, stderr } = await runToExit({ PORT: 'eighty', HTTP_FRAMEWORK: 'koa' })
    expect(code).toBe(2)
    expect(stderr).toContain('PORT: must be an integer between 0 and 65535 (got "eighty")')
    expect(stderr).toContain('HTTP_FRAMEWORK: must be one of express, hono (got "koa")')
  })

  it('in production, without auth and on in-memory storage', async () => {
    const { code, stderr } = await runToExit({ NODE_ENV: 'production' })
    expect(code).toBe(2)
    expect(stderr).toContain('AUTH_JWT_SECRET or AUTH_JWKS_URL: required when NODE_ENV=production')
    expect(stderr).toContain('MONGODB_URI: required when NODE_ENV=production')
  })
})
