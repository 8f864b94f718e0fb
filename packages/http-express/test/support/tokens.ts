import { createHmac } from 'node:crypto'

export const TEST_SECRET = 'http-express-smoke-test-secret-0123456789'

/** An HS256 JWT (what any identity provider would issue), for smoke tests that do not need jose. */
export function aToken(claims: { sub: string; role?: string; expInSeconds?: number }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const payload = {
    sub: claims.sub,
    iat: now,
    exp: now + (claims.expInSeconds ?? 300),
    ...roleOf(claims.role),
  }
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`
  return `${unsigned}.${createHmac('sha256', TEST_SECRET).update(unsigned).digest('base64url')}`
}

function roleOf(role: string | undefined): { role?: string } {
  return role !== undefined ? { role } : {}
}
