import { BillingEvent, CustomerEvent, PaymentEvent, TOPICS, topicName } from '@billstream/contracts';
import type { z } from 'zod';
import { StreamsBuilder, stringSerde, type Topology, zodSerde } from '../../engine/index.ts';
import { webhookEventsOf } from './eventMap.ts';

/**
 * The views that hand webhook events to the delivery queue, one per source
 * topic (each source is its own sub-topology with its own partitions); all
 * write the same tables through one handler (webhookEventsView.ts).
 */
export const WEBHOOK_VIEWS = {
  billing: 'webhook_events_billing',
  payments: 'webhook_events_payments',
  customers: 'webhook_events_customers',
} as const;

const SOURCES: readonly { topic: keyof typeof TOPICS; schema: z.ZodType; view: string }[] = [
  { topic: 'billingEvents', schema: BillingEvent, view: WEBHOOK_VIEWS.billing },
  { topic: 'paymentEvents', schema: PaymentEvent, view: WEBHOOK_VIEWS.payments },
  { topic: 'customerEvents', schema: CustomerEvent, view: WEBHOOK_VIEWS.customers },
];

/**
 * billing-events, payment-events, customer-events → webhook events (eventMap.ts) →
 * PostgreSQL, where the view sink writes each row together with the
 * partition's offsets: the hand-off to the delivery worker happens exactly
 * once, and the worker's HTTP calls never hold up the stream. Records that are
 * not JSON or not a known event are dead letters; tombstones are skipped.
 */
export function webhooksTopology(prefix: string): Topology {
  const builder = new StreamsBuilder();
  for (const source of SOURCES) {
    builder
      .stream(topicName(TOPICS[source.topic], prefix), { keySerde: stringSerde, valueSerde: zodSerde(source.schema) })
      .filter((_key, event) => event !== null)
      .flatMap((_key, event) =>
        webhookEventsOf(event as Parameters<typeof webhookEventsOf>[0]).map((row) => ({ key: row.id, value: row })),
      )
      .toPostgres(source.view);
  }
  return builder.build();
}
