export { type CreateRedisClientOptions, createRedisClient } from './create-redis-client.js'
export { type RedisProductCacheOptions, redisProductCache } from './redis-product-cache.js'
