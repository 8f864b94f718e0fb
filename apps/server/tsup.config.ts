import { defineConfig } from 'tsup'

// An application: ESM only. `main.ts` is the process entry (`node apps/server/dist/main.js`),
// `index.ts` exposes the composition for tests and embedding.
export default defineConfig({
  entry: ['src/index.ts', 'src/main.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'es2022',
})
