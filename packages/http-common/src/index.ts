export { AuthenticationError } from './auth/authentication-error.js'
export { type Authenticator, type Credentials, createAuthenticator } from './auth/authenticator.js'
export { type JwtVerifier, jwtVerifierFor, type VerifiedToken } from './auth/jwt-verifier.js'
export { TokenCache, type TokenCacheOptions } from './auth/token-cache.js'
export { createHttpPipeline, type HttpPipeline, type MountedRoute } from './http-pipeline.js'
export { buildOpenApiDocument, type OpenApiOptions } from './openapi/openapi-document.js'
export { type AuthOptions, DEFAULT_MAX_BODY_BYTES, type HttpOptions } from './options.js'
export {
  type HttpResult,
  internalProblemBody,
  JSON_TYPE,
  PROBLEM_TYPE,
  type ProblemBody,
  problemBody,
  problemResult,
  problemTypeOf,
} from './problem.js'
export {
  etagOf,
  expectedVersionOf,
  idempotencyKeyOf,
  UNKNOWN_VERSION,
} from './request/conditional-headers.js'
export { assertJsonContent, parseJsonBody, payloadTooLarge } from './request/json-body.js'
export { assertDecodablePath, decodePathParams, malformedPath } from './request/malformed-path.js'
export { type NodeRequest, readNodeBody } from './request/node-body.js'
export { nodeHeader } from './request/node-headers.js'
export { parseQuery } from './request/query-string.js'
export { requestIdOf } from './request/request-id.js'
export {
  invalidHost,
  type RequestTarget,
  readNodeRequestTarget,
  readRequestTarget,
  unknownRequestTarget,
} from './request/request-target.js'
export type { RequestReader } from './request-reader.js'
export { headersToWrite } from './respond.js'
export type { HttpMethod, RouteDefinition, RouteRequest, RouteResponse } from './routes/route.js'
export { createRouteMatcher, type MatchableRoute, type RouteMatch } from './routes/route-matcher.js'
export { ROUTES } from './routes/route-table.js'
export * as schemas from './schemas/index.js'
export { fieldErrors, parseBody, parseParameters } from './validation.js'
