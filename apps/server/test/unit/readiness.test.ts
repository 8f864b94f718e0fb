import { describe, expect, it } from 'vitest'
import { checkReadiness } from '../../src/ops/health.js'

const up = (name: string) => ({ name, check: async () => {} })

describe('checkReadiness', () => {
  it('is ready when every dependency answers', async () => {
    const readiness = await checkReadiness([up('mongodb'), up('redis')], {
      timeoutMs: 100,
      shuttingDown: false,
    })
    expect(readiness.status).toBe('ready')
    expect(Object.keys(readiness.checks)).toEqual(['mongodb', 'redis'])
  })

  it('reports each failing or silent dependency with its reason, bounded by the timeout', async () => {
    const started = Date.now()
    const readiness = await checkReadiness(
      [
        up('mongodb'),
        { name: 'redis', check: () => new Promise(() => {}) },
        { name: 'rabbitmq', check: async () => Promise.reject(new Error('connection closed')) },
      ],
      { timeoutMs: 100, shuttingDown: false },
    )
    expect(Date.now() - started).toBeLessThan(1000)
    expect(readiness.status).toBe('not_ready')
    expect(readiness.checks.mongodb?.status).toBe('up')
    expect(readiness.checks.redis).toMatchObject({ status: 'down', error: 'no answer within 100 ms' })
    expect(readiness.checks.rabbitmq).toMatchObject({ status: 'down', error: 'connection closed' })
  })

  it('answers shutting_down once shutdown began, so the load balancer stops sending', async () => {
    const readiness = await checkReadiness([up('memory')], { timeoutMs: 100, shuttingDown: true })
    expect(readiness.status).toBe('shutting_down')
  })
})
