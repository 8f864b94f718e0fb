import type { DomainEvent, OutboxEvent } from '../domain/events.js'
import type { OrderView } from '../domain/order.js'
import type { ServiceContext } from './context.js'

/** Turns recorded domain events into outbox events: ids fixed now, data = the order after the change. */
export function toOutboxEvents(
  ctx: ServiceContext,
  events: readonly DomainEvent[],
  order: OrderView,
  requestId: string | undefined,
): OutboxEvent[] {
  const time = ctx.clock.now().toISOString()
  return events.map((event) => ({
    id: ctx.ids.next(),
    type: event.type,
    source: ctx.options.eventSource,
    time,
    subject: event.subject,
    dataVersion: '1',
    data: order,
    requestId: requestId ?? null,
  }))
}
