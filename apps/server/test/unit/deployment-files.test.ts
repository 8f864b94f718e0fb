import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AVAILABLE_ADAPTERS } from '../../src/composition/available-adapters.js'
import { loadConfig } from '../../src/config/load-config.js'

const root = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8')

/** `KEY: value` lines of one service's `environment:` block (the compose file keeps them flat). */
function composeEnvironment(service: string): Record<string, string> {
  const text = root('docker-compose.yml')
  const block = text.slice(text.indexOf(`  ${service}:`)).split('\n    environment:\n')[1] ?? ''
  const env: Record<string, string> = {}
  for (const line of block.split('\n')) {
    const match = /^ {6}([A-Z_]+): (.*)$/.exec(line)
    if (!match) break
    env[match[1] as string] = (match[2] as string).replace(/^"(.*)"$/, '$1')
  }
  return env
}

describe('deployment files', () => {
  it('docker-compose.yml configures the server with a configuration that validates, on every real adapter', () => {
    const env = composeEnvironment('order-service')
    expect(env.AUTH_JWT_SECRET).toMatch(/^\$\{AUTH_JWT_SECRET:\?/)
    const config = loadConfig({ ...env, AUTH_JWT_SECRET: 'x'.repeat(32) }, AVAILABLE_ADAPTERS)
    expect(config).toMatchObject({ nodeEnv: 'production', http: { host: '0.0.0.0', port: 3000 } })
    expect(config.mongo?.uri).toContain('replicaSet=rs0')
    expect(config.redis).toBeDefined()
    expect(config.amqp).toBeDefined()
  })

  it('the Dockerfile copies the build of every workspace package the server runs with', () => {
    const dockerfile = root('Dockerfile')
    const manifest = JSON.parse(root('apps/server/package.json')) as { dependencies: Record<string, string> }
    const workspace = Object.keys(manifest.dependencies).filter((name) => name.startsWith('@orders/'))
    for (const name of workspace) {
      const dir = name.replace('@orders/', 'packages/')
      expect(dockerfile).toContain(`COPY --from=build /app/${dir}/dist ${dir}/dist`)
    }
    expect(dockerfile).toContain('CMD ["node", "apps/server/dist/main.js"]')
    expect(dockerfile).toMatch(/FROM node:20/)
  })
})
