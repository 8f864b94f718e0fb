export { createHonoApp } from './create-hono-app.js'
export { honoRequestReader } from './hono-request-reader.js'
