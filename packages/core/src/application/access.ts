import { type Actor, isPrivileged } from '../domain/actor.js'
import { OrderServiceError } from '../domain/errors.js'

/** Ownership first: a customer never learns that another user's resource exists (404). */
export function assertCanSee(actor: Actor, ownerId: string, what: string): void {
  if (!isPrivileged(actor) && actor.userId !== ownerId)
    throw new OrderServiceError('NOT_FOUND', `${what} not found`)
}

/** Role second: admin or service only (403). */
export function assertPrivileged(actor: Actor, action: string): void {
  if (!isPrivileged(actor)) {
    throw new OrderServiceError('FORBIDDEN', `only admin or service callers may ${action}`)
  }
}
