export { bulkProductId, CONTRACT_CATALOG, PRODUCTS } from './catalog.js'
export {
  authorizationOf,
  type Caller,
  type HttpCall,
  type HttpClient,
  type HttpReply,
  httpClient,
  sendRawMessage,
  sendRawRequest,
} from './client.js'
export type { HttpContractOptions, StartedServer } from './contract-options.js'
export {
  type AuthKind,
  BAD_REQUEST_CLASSES,
  type BadRequest,
  type BadRequestClass,
} from './corpus/bad-request.js'
export { BAD_REQUESTS } from './corpus/index.js'
export { callerOf, toCall } from './corpus/to-call.js'
export { describeHttpContract } from './describe-http-contract.js'
export { everyEndpoint } from './endpoints.js'
export { ADMIN, SERVICE, USER_A, USER_B } from './harness.js'
export { CONTRACT_JWT_SECRET, type SignOptions, signToken, type TokenClaims } from './tokens.js'
