import type { Actor, ErrorCode, OrderService } from '@orders/core'
import type { z } from 'zod'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What a route's handler receives: validated inputs and the authenticated actor. */
export interface RouteRequest<P, Q, B> {
  params: P
  query: Q
  body: B
  actor: Actor
  requestId: string
  /** From `If-Match` (routes with `ifMatch`). */
  expectedVersion: number | undefined
  /** From `Idempotency-Key` (routes with `idempotent`). */
  idempotencyKey: string | undefined
}

/** What a handler answers; headers come from the route's flags so a replayed response gets the same. */
export interface RouteResponse {
  status: number
  body?: unknown
}

export interface RouteSuccess {
  status: number
  description: string
  /** Response body schema (a named schema of `schemas/responses.ts`); none for 204. */
  schema?: z.ZodType
}

/**
 * One endpoint of DESIGN §5, framework-neutral: its inputs (zod), what it answers and the use case it
 * calls. The adapters mount it, the pipeline runs it, the OpenAPI document describes it.
 */
export interface RouteDefinition<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod
  /** Template with `:name` parameters, understood by Express and Hono alike. */
  path: string
  operationId: string
  summary: string
  tag: 'carts' | 'orders' | 'products'
  params?: z.ZodType<P, unknown>
  query?: z.ZodType<Q, unknown>
  body?: z.ZodType<B, unknown>
  /** An empty body is read as `{}` (every field of the body is optional). */
  bodyOptional?: boolean
  /** Admin or service only, checked right after authentication (403): there is no ownership to check first. */
  privileged?: boolean
  /** `If-Match: "<version>"` becomes `expectedVersion`. */
  ifMatch?: boolean
  /** `Idempotency-Key` is honoured (DESIGN §4). */
  idempotent?: boolean
  /** Sends `ETag: "<body.version>"`. */
  etag?: boolean
  /** Sends `Location: /orders/<body.id>` with a 201. */
  location?: boolean
  /** Sends `Cache-Control: no-store` (carts: prices move without the version moving). */
  noStore?: boolean
  success: readonly RouteSuccess[]
  /** Error codes this endpoint can answer besides the ones every endpoint can (for the OpenAPI document). */
  errors: readonly ErrorCode[]
  handle(service: OrderService, request: RouteRequest<P, Q, B>): Promise<RouteResponse>
}

/** Keeps the handler's input types tied to the schemas. */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(
  route: RouteDefinition<P, Q, B>,
): RouteDefinition<P, Q, B> {
  return route
}
