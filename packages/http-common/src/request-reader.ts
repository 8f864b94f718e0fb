/**
 * How the pipeline reads a framework's request. One object per adapter, not per request: the
 * pipeline passes the native request back in, so reading costs no allocation of closures.
 */
export interface RequestReader<R> {
  /** A header by lower-case name; undefined when absent. */
  header(request: R, name: string): string | undefined
  /**
   * Path parameters, percent-decoded; throws `malformedPath()` for one that does not decode. Called
   * after authentication, so decoding here keeps 401 and 403 ahead of that 400.
   */
  params(request: R): Record<string, string>
  /** The raw query string, without `?` ('' when none). */
  query(request: R): string
  /**
   * The whole body. Must reject with `payloadTooLarge(maxBytes)` as soon as more than `maxBytes`
   * arrive (a declared Content-Length over the limit is refused by the pipeline before this is called).
   */
  body(request: R, maxBytes: number): Promise<Uint8Array>
}
