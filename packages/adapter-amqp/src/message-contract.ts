import {
  type EventEnvelope,
  type OrderView,
  type ProductData,
  type ProductEventType,
  type ProductSourceResult,
  type ProductState,
  productStateFromEvent,
} from '@orders/core'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import common from '../schemas/common.schema.json' with { type: 'json' }
import envelope from '../schemas/envelope.schema.json' with { type: 'json' }
import orderData from '../schemas/order-data.schema.json' with { type: 'json' }
import orderEvent from '../schemas/order-event.schema.json' with { type: 'json' }
import productData from '../schemas/product-data.schema.json' with { type: 'json' }
import productDeletedData from '../schemas/product-deleted-data.schema.json' with { type: 'json' }
import productEvent from '../schemas/product-event.schema.json' with { type: 'json' }
import productRpcReply from '../schemas/product-rpc-reply.schema.json' with { type: 'json' }
import productRpcRequest from '../schemas/product-rpc-request.schema.json' with { type: 'json' }

/** The outcome of reading a message: the typed value, or why it breaks the contract. */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: string }

/** A product event that passed the contract, with the state it sets. */
export interface ProductEvent {
  envelope: EventEnvelope<ProductData | { productId: string; version: number }>
  type: ProductEventType
  state: ProductState
}

export interface ProductRpcRequest {
  productIds: string[]
}

type Validators = {
  productEvent: ValidateFunction<ProductEvent['envelope']>
  orderEvent: ValidateFunction<EventEnvelope<OrderView>>
  rpcRequest: ValidateFunction<ProductRpcRequest>
  rpcReply: ValidateFunction<ProductSourceResult>
}

let compiled: Validators | undefined

/** Compiles every schema once, on first use (Ajv code generation costs a few ms). */
function validators(): Validators {
  if (compiled) return compiled
  // Tolerant reader: no `additionalProperties: false` anywhere, so unknown members pass (and are dropped
  // when the data is mapped to domain types); `required` makes missing ones invalid.
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  ajv.addFormat('date-time', fullFormats['date-time'])
  ajv.addSchema([common, envelope, productData, productDeletedData, orderData])
  compiled = {
    productEvent: ajv.compile(productEvent),
    orderEvent: ajv.compile(orderEvent),
    rpcRequest: ajv.compile(productRpcRequest),
    rpcReply: ajv.compile(productRpcReply),
  }
  return compiled
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .slice(0, 5)
    .join('; ')
}

function readJson<T>(content: Buffer | string, validate: ValidateFunction<T>): ReadResult<T> {
  let value: unknown
  try {
    value = JSON.parse(content.toString())
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${(error as Error).message}` }
  }
  if (!validate(value)) return { ok: false, reason: `schema: ${describeErrors(validate)}` }
  return { ok: true, value }
}

/**
 * Reads a product event body against `product-event.schema.json`. Besides the schema, `subject` must be
 * the product id of `data`, and `type` must equal `routingKey`, the key the event was published with, when
 * it is known (DESIGN §6: bindings route on the key, so a mismatch reaches subscribers it is not meant for).
 */
export function readProductEvent(content: Buffer | string, routingKey?: string): ReadResult<ProductEvent> {
  const read = readJson(content, validators().productEvent)
  if (!read.ok) return read
  const env = read.value
  if (routingKey !== undefined && env.type !== routingKey) {
    return { ok: false, reason: `type ${env.type} is not the routing key ${routingKey}` }
  }
  if (env.subject !== env.data.productId) {
    return { ok: false, reason: `subject ${env.subject} is not data.productId ${env.data.productId}` }
  }
  const type = env.type as ProductEventType
  return { ok: true, value: { envelope: env, type, state: productStateFromEvent(type, env.data) } }
}

/** Reads an order event body against `order-event.schema.json` (for subscribers and tests). */
export function readOrderEvent(content: Buffer | string): ReadResult<EventEnvelope<OrderView>> {
  return readJson(content, validators().orderEvent)
}

/** Reads a product RPC request against `product-rpc-request.schema.json` (for responders). */
export function readProductRpcRequest(content: Buffer | string): ReadResult<ProductRpcRequest> {
  return readJson(content, validators().rpcRequest)
}

/** Reads a product RPC reply against `product-rpc-reply.schema.json`. */
export function readProductRpcReply(content: Buffer | string): ReadResult<ProductSourceResult> {
  return readJson(content, validators().rpcReply)
}
