export { createExpressApp } from './create-express-app.js'
export { expressRequestReader } from './express-request-reader.js'
export { readNodeBody } from './node-body.js'
