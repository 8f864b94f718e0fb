import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { BROKEN_VARIANTS } from './broken-variants.js'

interface JsonReport {
  testResults: { assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[]
}

const packageDir = join(import.meta.dirname, '..', '..', '..')
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')

/** Runs the broken adapters' suites in a child vitest and returns its exit code and JSON report. */
async function runBrokenSuites(): Promise<{ exitCode: number; report: JsonReport }> {
  const dir = mkdtempSync(join(tmpdir(), 'orders-broken-contracts-'))
  const outputFile = join(dir, 'report.json')
  // the child must not write into the CI report directory of the real run
  const { ORDERS_TEST_REPORT_DIR: _reportDir, ...env } = process.env
  try {
    const args = ['run', '--config', 'test/contracts/broken/vitest.broken.config.ts']
    const exitCode = await promisify(execFile)(
      process.execPath,
      [vitestBin, ...args, '--reporter=json', `--outputFile=${outputFile}`],
      { cwd: packageDir, env, maxBuffer: 64 * 1024 * 1024 },
    ).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    )
    return { exitCode, report: JSON.parse(readFileSync(outputFile, 'utf8')) as JsonReport }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('the contract suites catch broken adapters', () => {
  let run: Awaited<ReturnType<typeof runBrokenSuites>>
  const results = (variant: string) =>
    run.report.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.ancestorTitles[0]?.startsWith(`${variant} `))

  beforeAll(async () => {
    run = await runBrokenSuites()
  }, 60_000)

  it('reports failures with a non-zero exit code', () => {
    expect(run.exitCode).not.toBe(0)
  })

  it.each(BROKEN_VARIANTS.map((v) => [v.variant, v.mustFail] as const))(
    '%s fails its contract',
    (variant, mustFail) => {
      const tests = results(variant)
      const failed = tests.filter((t) => t.status === 'failed').map((t) => t.title)
      expect(failed).toEqual(expect.arrayContaining(mustFail))
      // the adapter runs and passes the rest: it is the flaw that fails
      expect(tests.filter((t) => t.status === 'passed').length).toBeGreaterThan(0)
    },
  )
})
