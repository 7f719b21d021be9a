import {
  BillingEvent,
  MasterDataEvent,
  masterDataKey,
  TOPICS,
  TransactionEvent,
  topicName,
} from '@billstream/contracts';
import { StreamsBuilder, stringSerde, TimeWindows, type Topology, zodSerde } from '../../engine/index.ts';
import {
  emptyRevenueDay,
  foldPayment,
  foldRevenue,
  foldTransaction,
  PaymentFact,
  PaymentHour,
  REVENUE_EVENT_TYPES,
  Receivable,
  RevenueDay,
  receivableOf,
  snapshotOf,
  TransactionFact,
  TransactionMinute,
} from './analyticsState.ts';
import { PaymentEventEnvelope, paymentFactOf } from './paymentFacts.ts';

export const ANALYTICS_VIEWS = {
  revenueDaily: 'analytics_revenue_daily',
  transactionsMinute: 'analytics_transactions_minute',
  paymentsHourly: 'analytics_payments_hourly',
  receivables: 'analytics_receivables',
} as const;

export const ANALYTICS_MASTER_DATA_STORE = 'analytics-master-data';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/**
 * Grace of every window: as long as the source topics keep records, so a
 * rebuild that reads partitions at different speeds (repartitioning mixes
 * them) never drops a record as late. Window stores keep size + grace.
 */
export const TRANSACTION_WINDOW_GRACE_MS = 90 * DAY_MS;
export const BILLING_WINDOW_GRACE_MS = 30 * DAY_MS;
export const PAYMENT_WINDOW_GRACE_MS = 30 * DAY_MS;

/** Grouping key of a windowed aggregate: organization and currency or gateway. */
export const groupKey = (organizationId: string, second: string) => `${organizationId}|${second}`;

function addRevenue(builder: StreamsBuilder, prefix: string): void {
  const events = builder.stream(topicName(TOPICS.billingEvents, prefix), {
    keySerde: stringSerde,
    valueSerde: zodSerde(BillingEvent),
  });
  events
    .filter((_key, event) => REVENUE_EVENT_TYPES.has(event.type))
    .selectKey((_key, event) => {
      const invoice = snapshotOf(event)!;
      return groupKey(invoice.organizationId, invoice.currency);
    })
    .groupByKey({ keySerde: stringSerde, valueSerde: zodSerde(BillingEvent), name: 'analytics-revenue' })
    .windowedBy(TimeWindows.ofSizeWithGrace(DAY_MS, BILLING_WINDOW_GRACE_MS))
    .aggregate(emptyRevenueDay, (_key, event, day) => foldRevenue(event, day), {
      storeName: 'analytics-revenue-daily',
      valueSerde: zodSerde(RevenueDay),
    })
    .toPostgres(ANALYTICS_VIEWS.revenueDaily);
  events
    .filter((_key, event) => snapshotOf(event) !== null)
    .map((_key, event) => {
      const invoice = snapshotOf(event)!;
      return { key: invoice.id, value: receivableOf(invoice) };
    })
    .groupByKey({ keySerde: stringSerde, valueSerde: zodSerde(Receivable), name: 'analytics-receivables' })
    .reduce((latest, next) => (next.version >= latest.version ? next : latest), {
      storeName: 'analytics-receivables',
      valueSerde: zodSerde(Receivable),
    })
    .toPostgres(ANALYTICS_VIEWS.receivables);
}

function addTransactions(builder: StreamsBuilder, prefix: string): void {
  const accounts = builder.globalTable(topicName(TOPICS.masterData, prefix), {
    keySerde: stringSerde,
    valueSerde: zodSerde(MasterDataEvent),
    storeName: ANALYTICS_MASTER_DATA_STORE,
  });
  builder
    .stream(topicName(TOPICS.transactionEvents, prefix), {
      keySerde: stringSerde,
      valueSerde: zodSerde(TransactionEvent),
    })
    // Transaction events name the account, not its organization: the account's
    // master-data record does. A transaction of an unknown account is dropped.
    .join(
      accounts,
      (_key, event) => masterDataKey('account', event.data.accountId),
      (event, account): TransactionFact | null =>
        account?.type === 'BillingAccountUpserted'
          ? {
              organizationId: account.data.organizationId,
              currency: event.data.currency,
              completed: event.type === 'TransactionCompleted',
              kind: event.data.type,
              amount: event.data.amount,
            }
          : null,
    )
    .filter((_key, fact) => fact !== null)
    .map((_key, fact) => ({ key: groupKey(fact!.organizationId, fact!.currency), value: fact! }))
    .groupByKey({ keySerde: stringSerde, valueSerde: zodSerde(TransactionFact), name: 'analytics-transactions' })
    .windowedBy(TimeWindows.ofSizeWithGrace(MINUTE_MS, TRANSACTION_WINDOW_GRACE_MS))
    .aggregate<TransactionMinute | null>(
      () => null,
      (_key, fact, minute) => foldTransaction(fact, minute),
      {
        storeName: 'analytics-transactions-minute',
        valueSerde: zodSerde(TransactionMinute.nullable()),
      },
    )
    .toPostgres(ANALYTICS_VIEWS.transactionsMinute);
}

function addPayments(builder: StreamsBuilder, prefix: string): void {
  builder
    .stream(topicName(TOPICS.paymentEvents, prefix), {
      keySerde: stringSerde,
      valueSerde: zodSerde(PaymentEventEnvelope),
    })
    .flatMap((_key, event) => {
      const fact = paymentFactOf(event);
      return fact === null ? [] : [{ key: groupKey(fact.organizationId, fact.gateway), value: fact }];
    })
    .groupByKey({ keySerde: stringSerde, valueSerde: zodSerde(PaymentFact), name: 'analytics-payments' })
    .windowedBy(TimeWindows.ofSizeWithGrace(HOUR_MS, PAYMENT_WINDOW_GRACE_MS))
    .aggregate<PaymentHour | null>(
      () => null,
      (_key, fact, hour) => foldPayment(fact, hour),
      {
        storeName: 'analytics-payments-hourly',
        valueSerde: zodSerde(PaymentHour.nullable()),
      },
    )
    .toPostgres(ANALYTICS_VIEWS.paymentsHourly);
}

/**
 * transaction-events (+ the master-data GlobalKTable for each account's
 * organization), billing-events and payment-events → windowed aggregates per
 * organization, materialized to PostgreSQL and, for the live dashboard, Redis.
 */
export function analyticsTopology(prefix: string): Topology {
  const builder = new StreamsBuilder();
  addRevenue(builder, prefix);
  addTransactions(builder, prefix);
  addPayments(builder, prefix);
  return builder.build();
}
