export * from './primitives.js'
export * from './requests.js'
export * from './responses.js'
