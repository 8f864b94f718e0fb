import { describe, expect, it } from 'vitest'
import { checkReadiness } from '../../src/ops/health.js'

const up = (name: string, critical = true) => ({ name, critical, check: async () => {} })

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
        { name: 'redis', critical: true, check: () => new Promise(() => {}) },
        {
          name: 'rabbitmq',
          critical: true,
          check: async () => Promise.reject(new Error('connection closed')),
        },
      ],
      { timeoutMs: 100, shuttingDown: false },
    )
    expect(Date.now() - started).toBeLessThan(1000)
    expect(readiness.status).toBe('not_ready')
    expect(readiness.checks.mongodb?.status).toBe('up')
    expect(readiness.checks.redis).toMatchObject({ status: 'down', error: 'no answer within 100 ms' })
    expect(readiness.checks.rabbitmq).toMatchObject({ status: 'down', error: 'connection closed' })
  })

  it('stays ready while only non-critical dependencies are down, and still reports them', async () => {
    const down = (name: string) => ({ name, critical: false, check: () => Promise.reject(new Error('down')) })
    const readiness = await checkReadiness([up('mongodb'), down('redis'), down('rabbitmq')], {
      timeoutMs: 100,
      shuttingDown: false,
    })
    expect(readiness.status).toBe('ready')
    expect(readiness.checks.redis).toMatchObject({ status: 'down', critical: false, error: 'down' })
    expect(readiness.checks.rabbitmq).toMatchObject({ status: 'down', critical: false })
    expect(readiness.checks.mongodb).toMatchObject({ status: 'up', critical: true })
  })

  it('answers shutting_down once shutdown began, so the load balancer stops sending', async () => {
    const readiness = await checkReadiness([up('memory')], { timeoutMs: 100, shuttingDown: true })
    expect(readiness.status).toBe('shutting_down')
  })
})
