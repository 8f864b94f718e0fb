import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAuthenticator } from '../src/auth/authenticator.js'

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>

let keys: KeyPair
let stranger: KeyPair
let jwks: Server
let jwksUrl = ''
let failingUrl = ''

/** A JWKS endpoint on loopback: `/jwks.json` serves the public key, `/broken` answers 500. */
beforeAll(async () => {
  keys = await generateKeyPair('RS256')
  stranger = await generateKeyPair('RS256')
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }
  jwks = createServer((req, res) => {
    if (req.url === '/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }))
    } else {
      res.writeHead(500).end('boom')
    }
  })
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve))
  const { port } = jwks.address() as AddressInfo
  jwksUrl = `http://127.0.0.1:${port}/jwks.json`
  failingUrl = `http://127.0.0.1:${port}/broken`
})

afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())))

function aToken(signer: KeyPair, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ sub: 'user-9', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setExpirationTime('5m')
    .sign(signer.privateKey)
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await promise
  } catch (error) {
    return error as { code: string; status: number }
  }
  throw new Error('expected authentication to fail')
}

describe('createAuthenticator with a JWKS URL', () => {
  it('verifies a token signed by a key of the set', async () => {
    const auth = createAuthenticator({ jwksUrl })
    const token = await aToken(keys, { role: 'service' })
    expect(await auth.authenticate({ authorization: `Bearer ${token}` })).toEqual({
      userId: 'user-9',
      role: 'service',
    })
  })

  it('refuses a token signed by another key under the same kid (401)', async () => {
    const auth = createAuthenticator({ jwksUrl })
    const forged = await aToken(stranger)
    expect(await failureOf(auth.authenticate({ authorization: `Bearer ${forged}` }))).toMatchObject({
      code: 'UNAUTHENTICATED',
    })
  })

  it('answers 503 DEPENDENCY_UNAVAILABLE when the key set cannot be fetched', async () => {
    const token = await aToken(keys)
    const broken = createAuthenticator({ jwksUrl: failingUrl })
    expect(await failureOf(broken.authenticate({ authorization: `Bearer ${token}` }))).toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      status: 503,
    })
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo
        probe.close(() => resolve(port))
      })
    })
    const unreachable = createAuthenticator({ jwksUrl: `http://127.0.0.1:${closed}/jwks.json` })
    expect((await failureOf(unreachable.authenticate({ authorization: `Bearer ${token}` }))).code).toBe(
      'DEPENDENCY_UNAVAILABLE',
    )
  })

  it('caches a token verified against the set', async () => {
    const auth = createAuthenticator({ jwksUrl })
    const authorization = `Bearer ${await aToken(keys)}`
    await auth.authenticate({ authorization })
    await auth.authenticate({ authorization })
    expect(auth.cachedTokens()).toBe(1)
  })
})
