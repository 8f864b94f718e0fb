/**
 * The dedupe key of an order made under an Idempotency-Key: `idem:<userId>/<operation>/<actorUserId>/<key>`.
 * It has the same scope as the idempotency record (the caller and the key) plus the operation, so a key used
 * for `POST /orders` never answers a checkout, and an admin's key never answers the customer's own request.
 * Ids cannot contain `/`, so the parts cannot run into each other.
 */
export function idempotentDedupeKey(parts: {
  operation: 'order' | 'checkout'
  actorUserId: string
  userId: string
  key: string
}): string {
  return `idem:${parts.userId}/${parts.operation}/${parts.actorUserId}/${parts.key}`
}
