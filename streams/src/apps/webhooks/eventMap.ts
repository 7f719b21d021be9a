import type { BillingEvent, CustomerEvent, PaymentEvent, WebhookEventType } from '@billstream/contracts';
import { z } from 'zod';

/** The domain events the webhooks app reads, whatever topic they came from. */
export type DomainEvent = BillingEvent | PaymentEvent | CustomerEvent;
type DomainType = DomainEvent['type'];
type EventOf<T extends DomainType> = Extract<DomainEvent, { type: T }>;

/** How one domain event type becomes a webhook event: which type, about which object, if at all. */
interface Mapping<T extends DomainType> {
  readonly type: WebhookEventType;
  /** The object the receiver gets; its `id` orders deliveries (one object's events arrive in order). */
  readonly object: (event: EventOf<T>) => { id: string; organizationId: string } & Record<string, unknown>;
  /** Only events this accepts become webhooks (e.g. a payment update that reached `succeeded`). */
  readonly when?: (event: EventOf<T>) => boolean;
}

type MappingTable = { readonly [T in DomainType]?: readonly Mapping<T>[] };

const reached = (status: string) => (event: EventOf<'PaymentIntentUpdated'>) =>
  event.data.payment.status === status && event.data.previousStatus !== status;

/**
 * THE table: domain event type → webhook event(s). Extending webhooks to a new
 * domain event is one entry here (and its topic in webhooksTopology.ts if the
 * topic is new). Not fed yet, for want of a domain event today: the
 * subscription.* types (the subscriptions app publishes no events topic yet).
 */
export const WEBHOOK_EVENT_MAP: MappingTable = {
  // The object id is the account id, so one customer's events arrive in order.
  CustomerCreated: [{ type: 'customer.created', object: (event) => ({ ...event.data, id: event.data.accountId }) }],
  CustomerUpdated: [{ type: 'customer.updated', object: (event) => ({ ...event.data, id: event.data.accountId }) }],
  InvoiceDrafted: [{ type: 'invoice.created', object: (event) => event.data.invoice }],
  InvoiceIssued: [{ type: 'invoice.issued', object: (event) => event.data.invoice }],
  InvoicePaid: [{ type: 'invoice.paid', object: (event) => event.data.invoice }],
  InvoiceVoided: [{ type: 'invoice.voided', object: (event) => event.data.invoice }],
  InvoiceOverdue: [{ type: 'invoice.overdue', object: (event) => event.data.invoice }],
  PaymentIntentUpdated: [
    { type: 'payment.succeeded', object: (event) => event.data.payment, when: reached('succeeded') },
    { type: 'payment.failed', object: (event) => event.data.payment, when: reached('failed') },
  ],
  RefundUpdated: [
    {
      type: 'payment.refunded',
      // Ordered with its payment: a refund is news about the payment it refunds.
      object: (event) => ({ ...event.data.refund, id: event.data.refund.paymentId, refundId: event.data.refund.id }),
      when: (event) => event.data.refund.status === 'succeeded',
    },
  ],
};

/** One webhook event as the processor hands it to the delivery queue (the webhook_events view). */
export const WebhookEventRow = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  type: z.string().min(1).max(64),
  objectId: z.string().min(1).max(64),
  occurredAt: z.iso.datetime({ offset: true }),
  object: z.record(z.string(), z.unknown()),
});
export type WebhookEventRow = z.infer<typeof WebhookEventRow>;

/**
 * The webhook events of one domain event (none for most). The row id is the
 * domain event id, so a replay writes the same row; the table never maps one
 * domain event to two webhook events at once (its `when`s exclude each other).
 */
export function webhookEventsOf(event: DomainEvent): WebhookEventRow[] {
  const mappings = (WEBHOOK_EVENT_MAP[event.type] ?? []) as readonly Mapping<typeof event.type>[];
  return mappings
    .filter((mapping) => mapping.when?.(event as never) ?? true)
    .map((mapping) => {
      const object = mapping.object(event as never);
      return {
        id: event.eventId,
        organizationId: object.organizationId,
        type: mapping.type,
        objectId: object.id,
        occurredAt: event.occurredAt,
        object,
      };
    });
}
