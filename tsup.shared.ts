import { defineConfig, type Options } from 'tsup'

/**
 * The one build every published package uses: ESM + CJS + type declarations for Node 20.19+.
 * @param entry what to build; `src/index.ts` unless a package has subpath exports
 */
export function packageBuild(entry: Options['entry'] = ['src/index.ts'], overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    ...overrides,
  })
}
