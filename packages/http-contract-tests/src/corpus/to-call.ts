import type { Caller, HttpCall } from '../client.js'
import { ADMIN, USER_A, USER_B } from '../harness.js'
import { signToken } from '../tokens.js'
import type { AuthKind, BadRequest } from './bad-request.js'

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** The credentials each AuthKind stands for (all of them user-a's unless the kind says otherwise). */
export function callerOf(kind: AuthKind): Caller {
  switch (kind) {
    case 'a':
      return USER_A
    case 'b':
      return USER_B
    case 'admin':
      return ADMIN
    case 'none':
      return null
    case 'expired':
      return bearer(signToken({ sub: USER_A, expiresIn: -60 }))
    case 'wrong-secret':
      return bearer(signToken({ sub: USER_A }, { secret: 'not-the-secret-the-server-knows-0123456789' }))
    case 'alg-none':
      return bearer(signToken({ sub: USER_A, role: 'admin' }, { alg: 'none' }))
    case 'unknown-role':
      return bearer(signToken({ sub: USER_A, role: 'superuser' }))
    case 'no-sub':
      return bearer(signToken({ role: 'admin' }))
    case 'invalid-sub':
      return bearer(signToken({ sub: 'user a; drop' }))
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${USER_A}:secret`).toString('base64')}` }
    case 'not-a-jwt':
      return { authorization: 'Bearer not-a-jwt' }
    case 'hs512':
      return bearer(signToken({ sub: USER_A }, { alg: 'HS512' }))
    case 'not-yet-valid':
      return bearer(signToken({ sub: USER_A, notBefore: 3600 }))
  }
}

/** The request a corpus case describes, against the fixture whose order id replaces `{order}`. */
export function toCall(bad: BadRequest, orderId: string): HttpCall {
  const call: HttpCall = {
    method: bad.method,
    path: bad.path.replaceAll('{order}', orderId),
    as: callerOf(bad.auth ?? 'a'),
  }
  if (bad.json !== undefined) call.json = bad.json
  const raw = bad.rawHex !== undefined ? Buffer.from(bad.rawHex, 'hex') : bad.raw
  if (raw !== undefined) {
    call.raw = raw
    call.headers = { 'content-type': 'application/json' }
  }
  if (bad.headers !== undefined) call.headers = bad.headers
  return call
}
