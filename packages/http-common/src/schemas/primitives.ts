import { LIMITS, ORDER_STATUSES } from '@orders/core'
import { z } from 'zod'

/** Every named schema is registered here; the OpenAPI document lists them under `components.schemas`. */
export const schemaRegistry = z.registry<{ id: string }>()

const ID_MESSAGE = 'must be 1-64 letters, digits, "-", "_", "." or ":"'

/** User, product and order ids (DESIGN §5 limits). */
export const Id = z.string().regex(LIMITS.idPattern, ID_MESSAGE)

/** Names and address fields: 1-200 characters. */
export const ShortText = z.string().min(1).max(LIMITS.maxTextLength)

export const Note = z.string().max(LIMITS.maxNoteLength)

export const Reason = z.string().min(1).max(LIMITS.maxTextLength)

export const Quantity = z.int().min(1).max(LIMITS.maxQuantity)

export const Version = z.int().min(0)

export const Timestamp = z.string().meta({ format: 'date-time' })

export const OrderStatus = z.enum(ORDER_STATUSES).register(schemaRegistry, { id: 'OrderStatus' })

export const Role = z.enum(['customer', 'admin', 'service'])

export const Money = z
  .strictObject({
    amount: z.int().min(0).describe('integer amount in minor units (cents)'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code such as EUR'),
  })
  .describe('An amount in integer minor units of one currency; no floats.')
  .register(schemaRegistry, { id: 'Money' })

export const Address = z
  .strictObject({
    name: ShortText,
    line1: ShortText,
    line2: ShortText.optional(),
    city: ShortText,
    postalCode: ShortText,
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO-3166 alpha-2 code such as DE'),
  })
  .register(schemaRegistry, { id: 'Address' })
