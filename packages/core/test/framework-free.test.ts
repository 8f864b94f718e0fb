import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const probeDir = join(repoRoot, 'packages', 'core', `lint-probe-${process.pid}`)
const forbidden = ['express', 'hono', 'mongoose', 'mongodb', 'ioredis', 'amqplib', 'inversify', 'zod']

function lint(source: string): { ok: boolean; output: string } {
  mkdirSync(probeDir, { recursive: true })
  const file = join(probeDir, 'probe.ts')
  writeFileSync(file, source)
  try {
    execFileSync('npx', ['biome', 'lint', file], { cwd: repoRoot, stdio: 'pipe' })
    return { ok: true, output: '' }
  } catch (error) {
    const { stdout, stderr } = error as { stdout: Buffer; stderr: Buffer }
    return { ok: false, output: `${stdout}${stderr}` }
  }
}

describe('@orders/core stays framework-free', () => {
  afterAll(() => rmSync(probeDir, { recursive: true, force: true }))

  it('has no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages/core/package.json'), 'utf8'))
    expect(manifest.dependencies).toBeUndefined()
  })

  it.each(forbidden)('the lint rule rejects importing %s in core', (name) => {
    const result = lint(`import * as lib from '${name}'\n\nexport const probe = lib\n`)
    expect(result.ok).toBe(false)
    expect(result.output).toContain(`no ${name}`)
  })

  it('accepts core-only code', () => {
    expect(lint("import { money } from '../src/domain/money.js'\n\nexport const probe = money\n").ok).toBe(
      true,
    )
  })
})
