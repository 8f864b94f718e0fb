import { ContainerModule } from 'inversify'
import { createApiListener } from '../http/api-listener.js'
import { resolver, TOKENS } from './tokens.js'

/** The API on Express or Hono (`HTTP_FRAMEWORK`), with request metrics and logs. */
export function httpModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.apiListener)
      .toDynamicValue(async (context) => {
        const deps = resolver(context)
        const config = await deps.get('config')
        const metrics = await deps.get('metrics')
        const logger = (await deps.get('logger')).child({ component: 'http' })
        return createApiListener(config.http.framework, {
          service: await deps.get('service'),
          auth: config.auth,
          maxBodyBytes: config.http.maxBodyBytes,
          onRequest(info) {
            metrics.observeRequest(info)
            logger.info(info, 'request')
          },
          onError(error, { requestId }) {
            logger.error({ err: error, requestId }, 'unexpected error (answered 500)')
          },
          onDependencyError(error, { requestId }) {
            // pino's err serializer appends the cause's message and stack.
            logger.warn({ err: error, requestId }, 'dependency unavailable (answered 503)')
          },
        })
      })
      .inSingletonScope()
  })
}
