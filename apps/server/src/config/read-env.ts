import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'dotenv'

/**
 * The environment the server validates: variables from the `.env` file (`ENV_FILE`, default
 * `./.env` in the working directory, optional) overlaid by the process environment, which wins.
 * The process environment itself is left untouched.
 */
export function readEnv(processEnv: NodeJS.ProcessEnv = process.env): {
  env: Record<string, string | undefined>
  envFile: string | null
} {
  const path = resolve(processEnv.ENV_FILE ?? '.env')
  if (!existsSync(path)) {
    if (processEnv.ENV_FILE) throw new Error(`[orders] [config] ENV_FILE: ${path} does not exist`)
    return { env: { ...processEnv }, envFile: null }
  }
  return { env: { ...parse(readFileSync(path)), ...processEnv }, envFile: path }
}
