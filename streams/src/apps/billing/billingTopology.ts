import {
  BillingCommand,
  BillingEvent,
  LedgerCommand,
  MasterDataEvent,
  PaymentCommand,
  SubscriptionCommand,
  TOPICS,
  topicName,
} from '@billstream/contracts';
import { z } from 'zod';
import { keyValueStoreBuilder, StreamsBuilder, stringSerde, type Topology, zodSerde } from '../../engine/index.ts';
import type { BillingOutput } from './billingOutputs.ts';
import {
  BillingProcessor,
  CLOCKS_STORE,
  COLLECTION_STORE,
  INVOICES_STORE,
  SCHEDULE_STORE,
  SEQUENCES_STORE,
} from './billingProcessor.ts';
import { CollectionEntry, InvoiceState, ScheduleEntry } from './billingState.ts';
import { MASTER_DATA_STORE } from './masterData.ts';

export const BILLING_VIEWS = {
  invoices: 'billing_invoices',
  lines: 'billing_invoice_lines',
  history: 'billing_status_history',
  clocks: 'billing_test_clocks',
  reminders: 'billing_reminders',
  rejections: 'billing_rejections',
} as const;

const VIEW_OF: Record<Extract<BillingOutput, { row: unknown }>['kind'], string> = {
  invoice: BILLING_VIEWS.invoices,
  lines: BILLING_VIEWS.lines,
  history: BILLING_VIEWS.history,
  clock: BILLING_VIEWS.clocks,
  reminder: BILLING_VIEWS.reminders,
  rejection: BILLING_VIEWS.rejections,
};

/**
 * billing-commands (keyed by organization) + the master-data GlobalKTable →
 * BillingProcessor → billing-events, plus the invoice views in PostgreSQL and
 * the rejections in Redis (where the web app shows a refused command's reason).
 */
export function billingTopology(prefix: string): Topology {
  const builder = new StreamsBuilder();
  builder.globalTable(topicName(TOPICS.masterData, prefix), {
    keySerde: stringSerde,
    valueSerde: zodSerde(MasterDataEvent),
    storeName: MASTER_DATA_STORE,
  });
  builder.addStateStore(keyValueStoreBuilder(INVOICES_STORE, stringSerde, zodSerde(InvoiceState)));
  builder.addStateStore(keyValueStoreBuilder(SEQUENCES_STORE, stringSerde, zodSerde(z.number().int().min(0))));
  builder.addStateStore(keyValueStoreBuilder(SCHEDULE_STORE, stringSerde, zodSerde(ScheduleEntry)));
  builder.addStateStore(keyValueStoreBuilder(CLOCKS_STORE, stringSerde, zodSerde(z.number().int())));
  builder.addStateStore(keyValueStoreBuilder(COLLECTION_STORE, stringSerde, zodSerde(CollectionEntry)));
  const outputs = builder
    .stream(topicName(TOPICS.billingCommands, prefix), { keySerde: stringSerde, valueSerde: zodSerde(BillingCommand) })
    .process<string, BillingOutput>(() => new BillingProcessor(), {
      stores: [INVOICES_STORE, SEQUENCES_STORE, SCHEDULE_STORE, CLOCKS_STORE, COLLECTION_STORE],
      name: 'billing',
    });
  outputs
    .filter((_key, output) => output.kind === 'event')
    .mapValues((output) => (output.kind === 'event' ? output.event : null) as BillingEvent)
    .to(topicName(TOPICS.billingEvents, prefix), { keySerde: stringSerde, valueSerde: zodSerde(BillingEvent) });
  // Automatic collection's charges, the ledger postings of invoice payments and the dunning policy's commands.
  const commandsOf = (kind: 'payment' | 'ledger' | 'subscription') =>
    outputs
      .filter((_key, output) => output.kind === kind)
      .mapValues((output) => ('command' in output ? output.command : null));
  commandsOf('payment')
    .mapValues((command) => command as PaymentCommand)
    .to(topicName(TOPICS.paymentCommands, prefix), { keySerde: stringSerde, valueSerde: zodSerde(PaymentCommand) });
  commandsOf('ledger')
    .mapValues((command) => command as LedgerCommand)
    .to(topicName(TOPICS.transactionCommands, prefix), { keySerde: stringSerde, valueSerde: zodSerde(LedgerCommand) });
  commandsOf('subscription')
    .mapValues((command) => command as SubscriptionCommand)
    .to(topicName(TOPICS.subscriptionCommands, prefix), {
      keySerde: stringSerde,
      valueSerde: zodSerde(SubscriptionCommand),
    });
  for (const [kind, view] of Object.entries(VIEW_OF)) {
    const rows = outputs
      .filter((_key, output) => output.kind === kind)
      .mapValues((output) => ('row' in output ? output.row : null));
    if (view === BILLING_VIEWS.rejections) rows.toRedis(view);
    else rows.toPostgres(view);
  }
  return builder.build();
}
