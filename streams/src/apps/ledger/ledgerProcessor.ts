import {
  type BillingAccountUpserted,
  formatMoney,
  type LedgerCommand,
  money,
  type TransactionEvent,
  type TransactionRequested,
} from '@billstream/contracts';
import type { KeyValueStore, Processor, ProcessorContext, StreamRecord } from '../../engine/index.ts';
import { applyTransaction } from './applyTransaction.ts';
import { outcomeEvent } from './ledgerEvents.ts';
import type { BalanceRow, LedgerAccountState, SeenTransaction, TransactionRow } from './ledgerState.ts';

export const ACCOUNTS_STORE = 'ledger-accounts';
export const SEEN_STORE = 'ledger-seen';
/** A redelivered command older than this is not recognised; the command topic keeps 7 days. */
export const SEEN_RETENTION_MS = 8 * 24 * 60 * 60 * 1000;
const SEEN_PURGE_INTERVAL_MS = 10 * 60 * 1000;
/** Entries one purge may delete; the rest wait for the next punctuation. */
const SEEN_PURGE_ENTRIES_MAX = 10_000;

export type LedgerOutput =
  | { readonly kind: 'event'; readonly event: TransactionEvent }
  | { readonly kind: 'transaction'; readonly row: TransactionRow }
  | { readonly kind: 'balance'; readonly row: BalanceRow };

/**
 * The ledger as a Processor API processor: account changes and credits/debits
 * for one account arrive in order on one partition; balances live in a
 * changelogged store, so the verdicts are exactly-once with the runtime's
 * transactions. The rules themselves are the pure `applyTransaction`.
 */
export class LedgerProcessor implements Processor<string, LedgerCommand, string, LedgerOutput> {
  private context!: ProcessorContext<string, LedgerOutput>;
  private accounts!: KeyValueStore<string, LedgerAccountState>;
  private seen!: KeyValueStore<string, SeenTransaction>;

  init(context: ProcessorContext<string, LedgerOutput>): void {
    this.context = context;
    this.accounts = context.getStateStore<KeyValueStore<string, LedgerAccountState>>(ACCOUNTS_STORE);
    this.seen = context.getStateStore<KeyValueStore<string, SeenTransaction>>(SEEN_STORE);
    context.schedule(SEEN_PURGE_INTERVAL_MS, 'wall-clock-time', (nowMs) => this.purgeSeen(nowMs));
  }

  process(record: StreamRecord<string, LedgerCommand>): void {
    const command = record.value;
    if (command.type === 'BillingAccountUpserted') this.upsertAccount(command);
    else this.applyCommand(command, record.timestamp);
  }

  private upsertAccount(command: BillingAccountUpserted): void {
    const { data } = command;
    const current = this.accounts.get(data.id);
    if (current && current.currency !== data.currency) throw new Error(`account ${data.id} cannot change currency`);
    this.accounts.put(data.id, {
      organizationId: data.organizationId,
      currency: data.currency,
      status: data.status,
      creditLimit: data.creditLimit,
      balance: current?.balance ?? '0',
      version: current?.version ?? 0,
    });
  }

  private applyCommand(command: TransactionRequested, timestampMs: number): void {
    const { data } = command;
    if (this.seen.get(data.transactionId)) return;
    const state = this.accounts.get(data.accountId) ?? null;
    const account = state && {
      id: data.accountId,
      currency: state.currency,
      status: state.status,
      balance: money(state.balance),
      creditLimit: money(state.creditLimit),
    };
    const outcome = applyTransaction(account, data);
    const processedAt = new Date(this.context.currentSystemTimeMs());
    this.seen.put(data.transactionId, { status: outcome.status, decidedAtMs: Math.max(timestampMs, 0) });
    const event = outcomeEvent({ command, outcome, processedAt });
    this.context.forward({ key: data.accountId, value: { kind: 'event', event }, timestamp: timestampMs, headers: {} });
    if (state === null) return;
    let version = state.version;
    if (outcome.status === 'completed') {
      version += 1;
      const balance = outcome.balanceAfter.toFixed();
      this.accounts.put(data.accountId, { ...state, balance, version });
      const row: BalanceRow = {
        accountId: data.accountId,
        balance: formatMoney(balance, state.currency),
        currency: state.currency,
        version,
      };
      this.context.forward({
        key: data.accountId,
        value: { kind: 'balance', row },
        timestamp: timestampMs,
        headers: {},
      });
    }
    this.context.forward({
      key: data.transactionId,
      value: { kind: 'transaction', row: transactionRow(state, event) },
      timestamp: timestampMs,
      headers: {},
    });
  }

  private purgeSeen(nowMs: number): void {
    const expired: string[] = [];
    for (const entry of this.seen.all()) {
      if (nowMs - entry.value.decidedAtMs > SEEN_RETENTION_MS) expired.push(entry.key);
      if (expired.length >= SEEN_PURGE_ENTRIES_MAX) break;
    }
    for (const key of expired) this.seen.delete(key);
  }
}

function transactionRow(state: LedgerAccountState, event: TransactionEvent): TransactionRow {
  const { data } = event;
  return {
    id: data.transactionId,
    organizationId: state.organizationId,
    accountId: data.accountId,
    type: data.type,
    amount: data.amount,
    currency: data.currency,
    description: data.description ?? null,
    reference: data.reference ?? null,
    status: event.type === 'TransactionCompleted' ? 'completed' : 'rejected',
    reason: event.type === 'TransactionRejected' ? event.data.reason : null,
    balanceAfter: data.balanceAfter,
    requestedAt: data.requestedAt,
    processedAt: data.processedAt,
  };
}
