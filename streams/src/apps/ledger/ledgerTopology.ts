import {
  BillingAccountUpserted,
  CustomerEvent,
  LedgerCommand,
  TOPICS,
  TransactionEvent,
  topicName,
} from '@billstream/contracts';
import { keyValueStoreBuilder, StreamsBuilder, stringSerde, type Topology, zodSerde } from '../../engine/index.ts';
import { ACCOUNTS_STORE, HOLDS_STORE, type LedgerOutput, LedgerProcessor, SEEN_STORE } from './ledgerProcessor.ts';
import { HoldState, LedgerAccountState, SeenTransaction } from './ledgerState.ts';

export const LEDGER_VIEWS = {
  transactions: 'ledger_transactions',
  balances: 'ledger_balances',
  holds: 'ledger_holds',
  accounts: 'ledger_accounts',
} as const;

/**
 * transaction-commands → LedgerProcessor → transaction-events, plus two views:
 * `ledger_transactions` (rows keyed by transaction id) and `ledger_balances`
 * (keyed by account, to PostgreSQL and Redis). Account commands also feed
 * `ledger_accounts` (the customer details of billing_accounts),
 * customer-events and the compacted master-data topic.
 */
export function ledgerTopology(prefix: string): Topology {
  const builder = new StreamsBuilder();
  builder.addStateStore(keyValueStoreBuilder(ACCOUNTS_STORE, stringSerde, zodSerde(LedgerAccountState)));
  builder.addStateStore(keyValueStoreBuilder(SEEN_STORE, stringSerde, zodSerde(SeenTransaction)));
  builder.addStateStore(keyValueStoreBuilder(HOLDS_STORE, stringSerde, zodSerde(HoldState)));
  const outputs = builder
    .stream(topicName(TOPICS.transactionCommands, prefix), {
      keySerde: stringSerde,
      valueSerde: zodSerde(LedgerCommand),
    })
    .process<string, LedgerOutput>(() => new LedgerProcessor(), {
      stores: [ACCOUNTS_STORE, SEEN_STORE, HOLDS_STORE],
      name: 'ledger',
    });
  outputs
    .filter((_key, output) => output.kind === 'event')
    .mapValues((output) => (output.kind === 'event' ? output.event : null) as TransactionEvent)
    .to(topicName(TOPICS.transactionEvents, prefix), { keySerde: stringSerde, valueSerde: zodSerde(TransactionEvent) });
  const transactions = outputs
    .filter((_key, output) => output.kind === 'transaction')
    .mapValues((output) => (output.kind === 'transaction' ? output.row : null));
  transactions.toPostgres(LEDGER_VIEWS.transactions);
  const balances = outputs
    .filter((_key, output) => output.kind === 'balance')
    .mapValues((output) => (output.kind === 'balance' ? output.row : null));
  balances.toPostgres(LEDGER_VIEWS.balances);
  balances.toRedis(LEDGER_VIEWS.balances);
  outputs
    .filter((_key, output) => output.kind === 'hold')
    .mapValues((output) => (output.kind === 'hold' ? output.row : null))
    .toPostgres(LEDGER_VIEWS.holds);
  outputs
    .filter((_key, output) => output.kind === 'account')
    .mapValues((output) => (output.kind === 'account' ? output.row : null))
    .toPostgres(LEDGER_VIEWS.accounts);
  outputs
    .filter((_key, output) => output.kind === 'customer')
    .mapValues((output) => (output.kind === 'customer' ? output.event : null) as CustomerEvent)
    .to(topicName(TOPICS.customerEvents, prefix), { keySerde: stringSerde, valueSerde: zodSerde(CustomerEvent) });
  outputs
    .filter((_key, output) => output.kind === 'masterData')
    .mapValues((output) => (output.kind === 'masterData' ? output.event : null) as BillingAccountUpserted)
    .to(topicName(TOPICS.masterData, prefix), { keySerde: stringSerde, valueSerde: zodSerde(BillingAccountUpserted) });
  return builder.build();
}
