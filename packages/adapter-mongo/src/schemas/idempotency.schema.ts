import { type Connection, type Model, Schema } from 'mongoose'
import { collectionOptions } from './common.js'

/** One record per `{userId, key}`. `rev` guards the takeover of an expired or abandoned record. */
export interface IdempotencyDocument {
  userId: string
  key: string
  fingerprint: string
  state: 'in_progress' | 'done'
  response: unknown
  expiresAt: string
  lockedUntil: string
  /** Absent on records written before claims were named; those can no longer be completed or released. */
  claimId?: string
  rev: number
}

export const idempotencySchema = new Schema<IdempotencyDocument>(
  {
    userId: { type: String, required: true },
    key: { type: String, required: true },
    fingerprint: { type: String, required: true },
    state: { type: String, required: true, enum: ['in_progress', 'done'] },
    response: { type: Schema.Types.Mixed, default: null },
    expiresAt: { type: String, required: true },
    lockedUntil: { type: String, required: true },
    claimId: { type: String, required: true },
    rev: { type: Number, default: 0 },
  },
  { ...collectionOptions, collection: 'idempotency_records' },
)

idempotencySchema.index({ userId: 1, key: 1 }, { name: 'user_key', unique: true })
// The purge that replaces a TTL index (FerretDB v1 has none).
idempotencySchema.index({ expiresAt: 1 }, { name: 'expires_at' })

export function idempotencyModel(connection: Connection): Model<IdempotencyDocument> {
  return (
    (connection.models.IdempotencyRecord as Model<IdempotencyDocument> | undefined) ??
    connection.model('IdempotencyRecord', idempotencySchema)
  )
}
