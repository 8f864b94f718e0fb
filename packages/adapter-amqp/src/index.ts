export { type BackoffOptions, backoffDelay } from './backoff.js'
export {
  AmqpConnection,
  type AmqpConnectionOptions,
  type AmqpParticipant,
  amqpConnection,
} from './connection.js'
export type { ConnectionEventMap } from './connection-events.js'
export { attemptsBefore, FAILURE_HEADERS } from './failure-headers.js'
export {
  type ProductEvent,
  type ProductRpcRequest,
  type ReadResult,
  readOrderEvent,
  readProductEvent,
  readProductRpcReply,
  readProductRpcRequest,
} from './message-contract.js'
export {
  amqpOrderEventsPublisher,
  OrderEventsPublisher,
  type OrderEventsPublisherOptions,
  orderEventMessage,
  REQUEST_ID_HEADER,
} from './order-events-publisher.js'
export type { ProductEventOutcome, ProductEventSink } from './product-event-outcome.js'
export {
  amqpProductEventsConsumer,
  type ProductEventsConsumer,
  type ProductEventsConsumerOptions,
  type ProductEventsCounter,
} from './product-events-consumer.js'
export { amqpProductSource, ProductRpcSource, type ProductRpcSourceOptions } from './product-rpc-source.js'
export { AmqpSetupError } from './setup-error.js'
export {
  assertOrderEventsTopology,
  assertProductEventsTopology,
  DEFAULT_ORDER_EVENTS_EXCHANGE,
  DEFAULT_PRODUCT_EVENTS_EXCHANGE,
  DEFAULT_PRODUCT_EVENTS_QUEUE,
  DEFAULT_PRODUCT_RPC_QUEUE,
  DEFAULT_RETRY_DELAYS_MS,
  type ProductEventsTopology,
  type ProductEventsTopologyOptions,
  productEventsQueueDeclarations,
  productEventsTopology,
  type RetryQueue,
} from './topology.js'
