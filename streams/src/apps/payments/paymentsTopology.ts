import {
  BillingCommand,
  GatewayRequest,
  LedgerCommand,
  PaymentCommand,
  PaymentEvent,
  TOPICS,
  topicName,
} from '@billstream/contracts';
import { PaymentState } from '@billstream/payments';
import {
  type KStream,
  keyValueStoreBuilder,
  StreamsBuilder,
  stringSerde,
  type Topology,
  zodSerde,
} from '../../engine/index.ts';
import type { PaymentsOutput } from './paymentsOutputs.ts';
import { INTENTS_STORE, type PaymentsInput, PaymentsProcessor } from './paymentsProcessor.ts';

export const PAYMENTS_VIEWS = {
  payments: 'payments_payments',
  refunds: 'payments_refunds',
  history: 'payments_history',
  attempts: 'payments_attempts',
  rejections: 'payments_rejections',
} as const;

const VIEW_OF = {
  payment: PAYMENTS_VIEWS.payments,
  refund: PAYMENTS_VIEWS.refunds,
  history: PAYMENTS_VIEWS.history,
  attempt: PAYMENTS_VIEWS.attempts,
  rejection: PAYMENTS_VIEWS.rejections,
} as const;

function pick<K extends PaymentsOutput['kind'], T>(
  outputs: KStream<string, PaymentsOutput>,
  kind: K,
  value: (output: Extract<PaymentsOutput, { kind: K }>) => T,
): KStream<string, T> {
  return outputs
    .filter((_key, output) => output.kind === kind)
    .mapValues((output) => value(output as Extract<PaymentsOutput, { kind: K }>));
}

/**
 * payment-commands + gateway answers and webhooks from payment-events (both
 * keyed by payment id, co-partitioned) → PaymentsProcessor → payment-events,
 * payment-gateway-requests (for the gateway worker), transaction-commands
 * (ledger credit/debit, keyed by account) and billing-commands (invoice
 * payments, keyed by organization), plus the payment views.
 */
export function paymentsTopology(prefix: string): Topology {
  const builder = new StreamsBuilder();
  builder.addStateStore(keyValueStoreBuilder(INTENTS_STORE, stringSerde, zodSerde(PaymentState)));
  const commands = builder.stream(topicName(TOPICS.paymentCommands, prefix), {
    keySerde: stringSerde,
    valueSerde: zodSerde(PaymentCommand),
  }) as KStream<string, PaymentsInput>;
  // The processor's own facts come back on payment-events too; only gateway answers and webhooks are inputs.
  const answers = builder
    .stream(topicName(TOPICS.paymentEvents, prefix), { keySerde: stringSerde, valueSerde: zodSerde(PaymentEvent) })
    .filter(
      (_key, event) => event.type === 'GatewayResultReceived' || event.type === 'GatewayWebhookReceived',
    ) as KStream<string, PaymentsInput>;
  const outputs = commands
    .merge(answers)
    .process<string, PaymentsOutput>(() => new PaymentsProcessor(), { stores: [INTENTS_STORE], name: 'payments' });
  pick(outputs, 'event', (o) => o.event).to(topicName(TOPICS.paymentEvents, prefix), {
    keySerde: stringSerde,
    valueSerde: zodSerde(PaymentEvent),
  });
  pick(outputs, 'gateway', (o) => o.request).to(topicName(TOPICS.paymentGatewayRequests, prefix), {
    keySerde: stringSerde,
    valueSerde: zodSerde(GatewayRequest),
  });
  pick(outputs, 'ledger', (o) => o.command as LedgerCommand).to(topicName(TOPICS.transactionCommands, prefix), {
    keySerde: stringSerde,
    valueSerde: zodSerde(LedgerCommand),
  });
  pick(outputs, 'invoice', (o) => o.command as BillingCommand).to(topicName(TOPICS.billingCommands, prefix), {
    keySerde: stringSerde,
    valueSerde: zodSerde(BillingCommand),
  });
  for (const [kind, view] of Object.entries(VIEW_OF)) {
    const rows = outputs
      .filter((_key, output) => output.kind === kind)
      .mapValues((output) => ('row' in output ? output.row : null));
    if (view === PAYMENTS_VIEWS.rejections) rows.toRedis(view);
    else rows.toPostgres(view);
  }
  return builder.build();
}
