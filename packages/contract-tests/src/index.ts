export { aCart, aCartLine, aCheckoutMark } from './builders/cart-builders.js'
export { anIdempotencyRecord } from './builders/idempotency-builders.js'
export { anOrder, anOrderLine, anOutboxEvent } from './builders/order-builders.js'
export { aProduct, aProductData, aTombstone } from './builders/product-builders.js'
export { shuffled } from './builders/shuffle.js'
export { uniqueId } from './builders/unique-id.js'
export { describeCartRepositoryContract } from './cart-repository.contract.js'
export type { ContractEnv, ContractOptions } from './contract-options.js'
export {
  describeEventPublisherContract,
  type EventPublisherContractOptions,
} from './event-publisher.contract.js'
export { describeIdempotencyStoreContract } from './idempotency-store.contract.js'
export {
  describeOrderRepositoryContract,
  type OrderRepositoryContractEnv,
  type OrderRepositoryContractOptions,
} from './order-repository/order-repository.contract.js'
export { describeProductCacheContract, type ProductCacheContractOptions } from './product-cache.contract.js'
export { describeProductRepositoryContract } from './product-repository.contract.js'
export {
  describeProductSourceContract,
  type ProductSourceContractOptions,
} from './product-source.contract.js'
