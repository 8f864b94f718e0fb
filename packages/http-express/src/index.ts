export { createExpressApp } from './create-express-app.js'
export { expressRequestReader } from './express-request-reader.js'
export { type ExpressServerOptions, expressServerOptions } from './express-server-options.js'
export { readNodeBody } from './node-body.js'
