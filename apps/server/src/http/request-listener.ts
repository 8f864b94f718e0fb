import type { IncomingMessage, ServerResponse } from 'node:http'

/** A Node request handler: what both frameworks are turned into. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void
