import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createAuthenticator } from '../src/auth/authenticator.js'

const SECRET = 'authenticator-test-secret-0123456789abcdef'

async function aToken(
  claims: Record<string, unknown> = {},
  options: { secret?: string; alg?: string; expiresIn?: string | number } = {},
): Promise<string> {
  const jwt = new SignJWT({ sub: 'user-1', ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET))
}

async function failureOf(
  promise: Promise<unknown>,
): Promise<{ code: string; challenge?: string; status: number }> {
  try {
    await promise
  } catch (error) {
    return error as { code: string; challenge?: string; status: number }
  }
  throw new Error('expected authentication to fail')
}

const bearer = async (claims?: Record<string, unknown>, options?: Parameters<typeof aToken>[1]) => ({
  authorization: `Bearer ${await aToken(claims, options)}`,
})

describe('createAuthenticator with an HS256 secret', () => {
  const auth = createAuthenticator({ jwtSecret: SECRET })

  it('takes the user id from sub and the role from the role claim, customer by default', async () => {
    expect(await auth.authenticate(await bearer())).toEqual({ userId: 'user-1', role: 'customer' })
    expect(await auth.authenticate(await bearer({ sub: 'ops', role: 'admin' }))).toEqual({
      userId: 'ops',
      role: 'admin',
    })
    expect(await auth.authenticate(await bearer({ role: 'service' }))).toMatchObject({ role: 'service' })
  })

  it('answers UNAUTHENTICATED with a plain Bearer challenge when no credentials came', async () => {
    expect(await failureOf(auth.authenticate({ authorization: undefined }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
      challenge: 'Bearer',
    })
  })

  it.each([
    ['an unknown role', () => bearer({ role: 'root' })],
    ['a role that is not a string', () => bearer({ role: ['admin'] })],
    ['a sub that is not a valid id', () => bearer({ sub: 'a b' })],
    ['a missing sub', () => bearer({ sub: undefined })],
    ['another secret', () => bearer({}, { secret: 'another-secret-0123456789abcdefghij' })],
    ['another algorithm', () => bearer({}, { alg: 'HS512' })],
    ['an expired token', () => bearer({}, { expiresIn: Math.floor(Date.now() / 1000) - 10 })],
    ['not a JWT', async () => ({ authorization: 'Bearer not-a-jwt' })],
    ['another scheme', async () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` })],
  ])('refuses %s with an invalid_token challenge', async (_, credentials) => {
    expect(await failureOf(auth.authenticate(await credentials()))).toMatchObject({
      code: 'UNAUTHENTICATED',
      challenge: 'Bearer error="invalid_token"',
    })
  })

  it('checks issuer and audience when configured', async () => {
    const strict = createAuthenticator({
      jwtSecret: SECRET,
      issuer: 'https://id.example',
      audience: 'orders',
    })
    expect(
      await strict.authenticate(await bearer({ iss: 'https://id.example', aud: 'orders' })),
    ).toMatchObject({
      userId: 'user-1',
    })
    expect(
      (await failureOf(strict.authenticate(await bearer({ iss: 'https://evil.example', aud: 'orders' }))))
        .code,
    ).toBe('UNAUTHENTICATED')
    expect((await failureOf(strict.authenticate(await bearer({ iss: 'https://id.example' })))).code).toBe(
      'UNAUTHENTICATED',
    )
  })
})

describe('verified-token cache', () => {
  it('keeps each verified token once and no refused ones', async () => {
    const auth = createAuthenticator({ jwtSecret: SECRET })
    const credentials = await bearer()
    await auth.authenticate(credentials)
    await auth.authenticate(credentials)
    await failureOf(auth.authenticate(await bearer({}, { secret: 'wrong-secret-0123456789abcdefghijkl' })))
    expect(auth.cachedTokens()).toBe(1)
  })

  it('answers a cached token with the same actor', async () => {
    const auth = createAuthenticator({ jwtSecret: SECRET })
    const credentials = await bearer({ role: 'admin' })
    const first = await auth.authenticate(credentials)
    expect(await auth.authenticate(credentials)).toEqual(first)
  })

  it('answers `cached` only for a header verified before, and never with the cache off', async () => {
    const auth = createAuthenticator({ jwtSecret: SECRET })
    const credentials = await bearer({ role: 'service' })
    expect(auth.cached(credentials.authorization)).toBeUndefined()
    expect(auth.cached(undefined)).toBeUndefined()
    const actor = await auth.authenticate(credentials)
    expect(auth.cached(credentials.authorization)).toEqual(actor)
    expect(auth.cached(`${credentials.authorization} `)).toBeUndefined()
    const off = createAuthenticator({ jwtSecret: SECRET, tokenCache: { enabled: false } })
    await off.authenticate(credentials)
    expect(off.cached(credentials.authorization)).toBeUndefined()
  })

  it('holds nothing when turned off, and stays within maxEntries', async () => {
    const off = createAuthenticator({ jwtSecret: SECRET, tokenCache: { enabled: false } })
    await off.authenticate(await bearer())
    expect(off.cachedTokens()).toBe(0)
    const small = createAuthenticator({ jwtSecret: SECRET, tokenCache: { maxEntries: 2 } })
    for (const sub of ['a', 'b', 'c']) await small.authenticate(await bearer({ sub }))
    expect(small.cachedTokens()).toBe(2)
  })
})

describe('development header mode', () => {
  it('trusts X-User-Id and X-Role only when devHeaders is on', async () => {
    const dev = createAuthenticator({ devHeaders: true })
    expect(await dev.authenticate({ authorization: undefined, devUserId: 'u-7', devRole: 'admin' })).toEqual({
      userId: 'u-7',
      role: 'admin',
    })
    expect(await dev.authenticate({ authorization: undefined, devUserId: 'u-7' })).toEqual({
      userId: 'u-7',
      role: 'customer',
    })
    const prod = createAuthenticator({ jwtSecret: SECRET })
    expect((await failureOf(prod.authenticate({ authorization: undefined, devUserId: 'u-7' }))).code).toBe(
      'UNAUTHENTICATED',
    )
  })

  it('refuses an invalid user id or role in the headers', async () => {
    const dev = createAuthenticator({ devHeaders: true })
    expect((await failureOf(dev.authenticate({ authorization: undefined, devUserId: '' }))).code).toBe(
      'UNAUTHENTICATED',
    )
    expect(
      (await failureOf(dev.authenticate({ authorization: undefined, devUserId: 'u', devRole: 'root' }))).code,
    ).toBe('UNAUTHENTICATED')
  })

  it('lets a Bearer token win over the headers', async () => {
    const both = createAuthenticator({ jwtSecret: SECRET, devHeaders: true })
    const actor = await both.authenticate({
      ...(await bearer({ sub: 'jwt-user' })),
      devUserId: 'header-user',
    })
    expect(actor.userId).toBe('jwt-user')
  })

  it('refuses to be created without any way to authenticate', () => {
    expect(() => createAuthenticator({})).toThrow(/jwtSecret, jwksUrl or devHeaders/)
  })
})
