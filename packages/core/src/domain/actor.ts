export type Role = 'customer' | 'admin' | 'service'

/** Who is calling: an authenticated user id and role. */
export interface Actor {
  userId: string
  role: Role
}

export function isPrivileged(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'service'
}

/** The actor recorded for work the service does by itself (sweeps, purges). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'service' }
