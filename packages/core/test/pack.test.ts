import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const packageDir = join(import.meta.dirname, '..')

const program = (load: string) => `${load}
const catalog = [{ productId: 'p-1', name: 'Tea', price: { amount: 450, currency: 'EUR' }, available: true, version: 1 }]
const service = createOrderService(inMemoryAdapters({ catalog }))
const actor = { userId: 'u-1', role: 'customer' }
service.carts
  .addItem({ actor, userId: 'u-1', productId: 'p-1', quantity: 3 })
  .then(() => service.checkout.execute({ actor, userId: 'u-1' }))
  .then(({ order }) => console.log(JSON.stringify({ status: order.status, total: order.total })))
`

describe('@orders/core as a published package', () => {
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'orders-core-pack-'))
    execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: packageDir, stdio: 'pipe' })
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `./${tarball}`], {
      cwd: dir,
      stdio: 'pipe',
    })
  }, 120_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const expected = { status: 'Pending', total: { amount: 1350, currency: 'EUR' } }

  it('runs a checkout through import (ESM)', () => {
    writeFileSync(
      join(dir, 'esm.mjs'),
      program(
        "import { createOrderService } from '@orders/core'\nimport { inMemoryAdapters } from '@orders/core/testing'",
      ),
    )
    expect(JSON.parse(execFileSync('node', ['esm.mjs'], { cwd: dir }).toString())).toEqual(expected)
  })

  it('runs a checkout through require (CJS)', () => {
    writeFileSync(
      join(dir, 'cjs.cjs'),
      program(
        "const { createOrderService } = require('@orders/core')\nconst { inMemoryAdapters } = require('@orders/core/testing')",
      ),
    )
    expect(JSON.parse(execFileSync('node', ['cjs.cjs'], { cwd: dir }).toString())).toEqual(expected)
  })

  it('ships no runtime dependencies', async () => {
    const manifest = JSON.parse(
      execFileSync('node', ['-p', 'JSON.stringify(require("@orders/core/package.json"))'], {
        cwd: dir,
      }).toString(),
    )
    expect(manifest.dependencies).toBeUndefined()
  })
})
