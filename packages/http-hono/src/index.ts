export { createHonoApp } from './create-hono-app.js'
export { honoRequestReader } from './hono-request-reader.js'
export { nodeServerErrorHandler } from './node-server-error-handler.js'
export { rawPathOf } from './raw-path.js'
