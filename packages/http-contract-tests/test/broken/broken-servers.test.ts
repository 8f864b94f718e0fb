import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { BROKEN_SERVERS } from './broken-servers.js'

interface JsonReport {
  testResults: { assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[]
}

const packageDir = join(import.meta.dirname, '..', '..')
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')

/** Runs the contract against the broken servers in a child vitest; returns its exit code and JSON report. */
async function runAgainstBrokenServers(): Promise<{ exitCode: number; report: JsonReport }> {
  const dir = mkdtempSync(join(tmpdir(), 'orders-broken-http-'))
  const outputFile = join(dir, 'report.json')
  // the child must not write into the CI report directory of the real run
  const { ORDERS_TEST_REPORT_DIR: _reportDir, ...env } = process.env
  try {
    const args = ['run', '--config', 'test/broken/vitest.broken.config.ts', '--reporter=json']
    const exitCode = await promisify(execFile)(
      process.execPath,
      [vitestBin, ...args, `--outputFile=${outputFile}`],
      {
        cwd: packageDir,
        env,
        maxBuffer: 64 * 1024 * 1024,
      },
    ).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    )
    return { exitCode, report: JSON.parse(readFileSync(outputFile, 'utf8')) as JsonReport }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('the HTTP contract catches broken servers', () => {
  let run: Awaited<ReturnType<typeof runAgainstBrokenServers>>
  const results = (variant: string) =>
    run.report.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.ancestorTitles[0] === `${variant} HTTP contract`)

  beforeAll(async () => {
    run = await runAgainstBrokenServers()
  }, 90_000)

  it('reports failures with a non-zero exit code', () => {
    expect(run.exitCode).not.toBe(0)
  })

  it.each(BROKEN_SERVERS.map((b) => [b.variant, b.mustFail] as const))(
    '%s fails the contract',
    (variant, mustFail) => {
      const tests = results(variant)
      const failed = tests.filter((t) => t.status === 'failed').map((t) => t.title)
      expect(failed).toEqual(expect.arrayContaining(mustFail))
      // the server runs and passes most of the contract: it is the flaw that fails
      expect(tests.filter((t) => t.status === 'passed').length).toBeGreaterThan(tests.length / 2)
    },
  )
})
