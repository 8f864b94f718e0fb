import { type Connection, type Model, Schema } from 'mongoose'
import {
  addressSchema,
  collectionOptions,
  moneySchema,
  orderLineSchema,
  statusChangeSchema,
} from './common.js'

/**
 * One order per document, its outbox embedded (DESIGN §4). Times are ISO-8601 UTC strings as the
 * domain writes them (they sort like the instants they name).
 * - `outbox`: unpublished events, oldest first; replaced whole under `outboxRev` (FerretDB v1 has no
 *   positional updates or arrayFilters, and its `$pull` with a condition removes nothing).
 * - `outboxRev`: bumped by every outbox or lease change; guards them without touching `version`.
 * - `outboxDueAt`: when the outbox may be claimed (now, or the end of a lease); null once drained.
 *   Stands in for a partial index on "has events", which FerretDB v1 lacks.
 * - `outboxCount` / `outboxOldestAt`: backlog metrics without `$size`/`$min` (missing in FerretDB v1).
 */
export interface OrderDocument {
  _id: string
  userId: string
  status: string
  lines: unknown[]
  total: unknown
  shippingAddress?: unknown
  note?: string
  statusHistory: unknown[]
  version: number
  createdAt: string
  updatedAt: string
  dedupeKey: string
  deletedAt: string | null
  outbox: unknown[]
  outboxRev: number
  outboxDueAt: string | null
  outboxCount: number
  outboxOldestAt: string | null
  leaseOwner: string | null
}

export const orderSchema = new Schema<OrderDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    status: { type: String, required: true },
    lines: { type: [orderLineSchema], required: true },
    total: { type: moneySchema, required: true },
    shippingAddress: addressSchema,
    note: String,
    statusHistory: { type: [statusChangeSchema], required: true },
    version: { type: Number, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    deletedAt: { type: String, default: null },
    outbox: { type: [Schema.Types.Mixed], default: [] },
    outboxRev: { type: Number, default: 0 },
    outboxDueAt: { type: String, default: null },
    outboxCount: { type: Number, default: 0 },
    outboxOldestAt: { type: String, default: null },
    leaseOwner: { type: String, default: null },
  },
  { ...collectionOptions, collection: 'orders' },
)

// Cursor pagination of one user's orders, newest first (GET /orders?userId=).
orderSchema.index({ userId: 1, createdAt: -1, _id: -1 }, { name: 'user_cursor' })
// Cursor pagination over all users (admin listing).
orderSchema.index({ createdAt: -1, _id: -1 }, { name: 'all_cursor' })
// An admin's listing by status: filter then sort, so a page reads `limit` entries instead of sorting them all.
orderSchema.index({ status: 1, createdAt: -1, _id: -1 }, { name: 'status_cursor' })
// One order per checkout / Idempotency-Key / explicit order id: the crash window closes here.
orderSchema.index({ dedupeKey: 1 }, { name: 'dedupe_key', unique: true })
// The relay's claim query: orders with events due; null (drained) sorts first and is skipped by `$lte`.
orderSchema.index({ outboxDueAt: 1 }, { name: 'outbox_due' })
// The purge of deleted orders.
orderSchema.index({ deletedAt: 1 }, { name: 'deleted' })

export function orderModel(connection: Connection): Model<OrderDocument> {
  return (
    (connection.models.Order as Model<OrderDocument> | undefined) ?? connection.model('Order', orderSchema)
  )
}
