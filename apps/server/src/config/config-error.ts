/** Invalid configuration: one line per problem, each naming the variable and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`[orders] [config] invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}
