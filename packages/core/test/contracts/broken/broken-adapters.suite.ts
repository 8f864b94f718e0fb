// Runs every contract suite against the deliberately broken adapters. Not a *.test.ts file: only the
// child vitest process started by broken-variants.test.ts runs it (see vitest.broken.config.ts).
import { BROKEN_VARIANTS } from './broken-variants.js'

for (const { variant, register } of BROKEN_VARIANTS) register(variant)
