import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http'

/** A Node request handler: what both frameworks are turned into. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

/** The API as a Node server runs it: its handler and the options its server must be created with. */
export interface ApiListener {
  readonly handle: RequestListener
  /** For `http.createServer`: on Express, its request and response classes (`expressServerOptions`). */
  readonly serverOptions: ServerOptions
}
