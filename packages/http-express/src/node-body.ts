/** Kept as an export of this package; the reader itself is shared with the Hono adapter on node. */
export { readNodeBody } from '@orders/http-common'
