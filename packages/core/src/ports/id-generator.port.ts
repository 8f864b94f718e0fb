/** Generates ids for orders and events. */
export interface IdGenerator {
  /** A new unique id (1-64 characters of `[A-Za-z0-9_.:-]`); ids generated later sort later when possible. */
  next(): string
}
