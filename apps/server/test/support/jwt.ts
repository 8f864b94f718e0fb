import { SignJWT } from 'jose'

export const JWT_SECRET = 'e2e-secret-of-at-least-thirty-two-characters'

/** An HS256 token as an identity provider would issue it. */
export function tokenFor(
  userId: string,
  role: 'customer' | 'admin' | 'service' = 'customer',
): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(JWT_SECRET))
}
