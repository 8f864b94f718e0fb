import { type RunningFerretDb, startFerretDb } from './start-ferretdb.js'

/**
 * The part of vitest's `TestProject` used here. Declared structurally so this file imports nothing
 * but node built-ins: from tools/ the type checker may find another copy of vitest than the package
 * that runs it. Each package declares the provided value for its tests:
 *   declare module 'vitest' { export interface ProvidedContext { mongodbUri?: string } }
 * (see packages/adapter-mongo/test/support/provided-context.d.ts).
 */
interface ProvidingProject {
  provide(key: 'mongodbUri', value: string): void
}

/**
 * Vitest globalSetup shared by every package that needs MongoDB (use it as
 * `globalSetup: ['../../tools/ferretdb/global-setup.ts']`): provides `mongodbUri` to the tests.
 * - `MONGODB_URI` set: that server is used (e.g. a real replica set), nothing is started.
 * - Otherwise FerretDB is built if needed, started for this run and stopped in teardown.
 * - It cannot start: with `CI=true` the run fails; else nothing is provided and tests skip.
 * Each test file should use its own database (e.g. `inject('mongodbUri')` + a unique db name).
 */
export default async function setup(project: ProvidingProject): Promise<(() => Promise<void>) | undefined> {
  const fromEnv = process.env.MONGODB_URI
  if (fromEnv) {
    project.provide('mongodbUri', fromEnv)
    return undefined
  }
  let ferret: RunningFerretDb
  try {
    ferret = await startFerretDb()
  } catch (error) {
    if (process.env.CI === 'true') throw error
    const reason = error instanceof Error ? error.message : String(error)
    console.warn(`[orders] [ferretdb] MongoDB tests will be SKIPPED: FerretDB could not start.\n${reason}`)
    return undefined
  }
  project.provide('mongodbUri', ferret.uri)
  return () => ferret.stop()
}
