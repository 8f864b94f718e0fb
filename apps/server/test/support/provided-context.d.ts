import 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** From tools/ferretdb/global-setup.ts: a MongoDB-protocol server, absent when none could start. */
    mongodbUri?: string
  }
}
