import {
  type BillingAccountUpserted,
  type CustomerEvent,
  formatMoney,
  type HoldCaptureRequested,
  type HoldRequested,
  type HoldVoidRequested,
  type LedgerCommand,
  masterDataKey,
  money,
  type TransactionEvent,
  type TransactionRequested,
} from '@billstream/contracts';
import type { KeyValueStore, Processor, ProcessorContext, StreamRecord } from '../../engine/index.ts';
import { type AccountCommand, customerSnapshot, decideAccountChange } from './accountChanges.ts';
import { applyTransaction } from './applyTransaction.ts';
import { authorizeHold, captureHold, type HoldDecision, newHold, releaseHold } from './holds.ts';
import { outcomeEvent } from './ledgerEvents.ts';
import type {
  AccountRow,
  BalanceRow,
  HoldState,
  LedgerAccountState,
  SeenTransaction,
  TransactionRow,
} from './ledgerState.ts';

export const ACCOUNTS_STORE = 'ledger-accounts';
export const SEEN_STORE = 'ledger-seen';
export const HOLDS_STORE = 'ledger-holds';
/** How often the wall clock looks for expired holds. */
export const HOLD_EXPIRY_INTERVAL_MS = 5_000;
/** Holds one expiry run may release; the rest wait for the next run. */
const HOLD_EXPIRY_BATCH_MAX = 1_000;
/** A redelivered command older than this is not recognised; the command topic keeps 7 days. */
export const SEEN_RETENTION_MS = 8 * 24 * 60 * 60 * 1000;
const SEEN_PURGE_INTERVAL_MS = 10 * 60 * 1000;
/** Entries one purge may delete; the rest wait for the next punctuation. */
const SEEN_PURGE_ENTRIES_MAX = 10_000;

export type LedgerOutput =
  | { readonly kind: 'event'; readonly event: TransactionEvent }
  | { readonly kind: 'transaction'; readonly row: TransactionRow }
  | { readonly kind: 'balance'; readonly row: BalanceRow }
  | { readonly kind: 'hold'; readonly row: HoldState }
  | { readonly kind: 'account'; readonly row: AccountRow }
  | { readonly kind: 'customer'; readonly event: CustomerEvent }
  | { readonly kind: 'masterData'; readonly event: BillingAccountUpserted };

const SOURCE = 'streams.ledger';

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
  private holds!: KeyValueStore<string, HoldState>;

  init(context: ProcessorContext<string, LedgerOutput>): void {
    this.context = context;
    this.accounts = context.getStateStore<KeyValueStore<string, LedgerAccountState>>(ACCOUNTS_STORE);
    this.seen = context.getStateStore<KeyValueStore<string, SeenTransaction>>(SEEN_STORE);
    this.holds = context.getStateStore<KeyValueStore<string, HoldState>>(HOLDS_STORE);
    context.schedule(SEEN_PURGE_INTERVAL_MS, 'wall-clock-time', (nowMs) => this.purgeSeen(nowMs));
    context.schedule(HOLD_EXPIRY_INTERVAL_MS, 'wall-clock-time', (nowMs) => this.expireHolds(nowMs));
  }

  process(record: StreamRecord<string, LedgerCommand>): void {
    const command = record.value;
    if (command.type === 'BillingAccountUpserted') this.upsertAccount(command);
    else if (
      command.type === 'AccountOpenRequested' ||
      command.type === 'AccountUpdateRequested' ||
      command.type === 'AccountStatusChangeRequested'
    )
      this.changeAccount(command, record.timestamp);
    else if (command.type === 'TransactionRequested') this.applyCommand(command, record.timestamp);
    else if (command.type === 'HoldRequested') this.authorize(command, record.timestamp);
    else if (command.type === 'HoldCaptureRequested') this.capture(command, record.timestamp);
    else this.voidHold(command, record.timestamp);
  }

  private upsertAccount(command: BillingAccountUpserted): void {
    const { data } = command;
    const current = this.accounts.get(data.id);
    if (current && current.currency !== data.currency) throw new Error(`account ${data.id} cannot change currency`);
    this.accounts.put(data.id, {
      // Keeps what the API told the ledger about the customer (details, their version).
      ...current,
      accountNumber: data.accountNumber,
      detailsVersion: current?.detailsVersion ?? 0,
      organizationId: data.organizationId,
      currency: data.currency,
      status: data.status,
      creditLimit: data.creditLimit,
      balance: current?.balance ?? '0',
      held: current?.held ?? '0',
      version: current?.version ?? 0,
    });
  }

  /**
   * Opens or changes an account from an API command, then tells everyone: the
   * accounts view (details), customer-events (webhooks) and master-data (the
   * billing processor's copy). The event ids are the command's, so a change
   * announced again after a crash is recognisably the same.
   */
  private changeAccount(command: AccountCommand, timestampMs: number): void {
    const accountId = command.data.accountId;
    const decision = decideAccountChange(this.accounts.get(accountId) ?? null, command);
    if (!decision.ok) return;
    const { state } = decision;
    this.accounts.put(accountId, state);
    const updatedAt = new Date(this.context.currentSystemTimeMs()).toISOString();
    const snapshot = customerSnapshot(accountId, state, updatedAt);
    const meta = { eventId: command.eventId, occurredAt: updatedAt, source: SOURCE, version: 1 as const };
    const event: CustomerEvent = decision.created
      ? { ...meta, type: 'CustomerCreated', data: snapshot }
      : { ...meta, type: 'CustomerUpdated', data: { ...snapshot, changedFields: [...decision.changedFields] } };
    const announced: BillingAccountUpserted = {
      ...meta,
      type: 'BillingAccountUpserted',
      data: {
        id: accountId,
        organizationId: state.organizationId,
        accountNumber: snapshot.accountNumber,
        currency: state.currency,
        status: state.status,
        creditLimit: state.creditLimit,
        updatedAt,
      },
    };
    const row: AccountRow = { ...snapshot, detailsVersion: state.detailsVersion };
    const forward = (key: string, value: LedgerOutput) =>
      this.context.forward({ key, value, timestamp: timestampMs, headers: {} });
    forward(accountId, { kind: 'account', row });
    forward(accountId, { kind: 'customer', event });
    forward(masterDataKey('account', accountId), { kind: 'masterData', event: announced });
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
      held: money(state.held),
    };
    const outcome = applyTransaction(account, data);
    const processedAt = new Date(this.context.currentSystemTimeMs());
    this.seen.put(data.transactionId, { status: outcome.status, decidedAtMs: Math.max(timestampMs, 0) });
    const event = outcomeEvent({ command, outcome, processedAt });
    this.context.forward({ key: data.accountId, value: { kind: 'event', event }, timestamp: timestampMs, headers: {} });
    if (state === null) return;
    let next = state;
    if (outcome.status === 'completed') {
      next = { ...state, balance: outcome.balanceAfter.toFixed(), version: state.version + 1 };
      this.saveAccount(data.accountId, next, timestampMs);
    }
    this.context.forward({
      key: data.transactionId,
      value: { kind: 'transaction', row: transactionRow(state, event, next.version) },
      timestamp: timestampMs,
      headers: {},
    });
  }

  /** Stores an account state and sends its balance (ledger and available) to the views. */
  private saveAccount(accountId: string, state: LedgerAccountState, timestampMs: number): void {
    this.accounts.put(accountId, state);
    const row: BalanceRow = {
      accountId,
      organizationId: state.organizationId,
      balance: formatMoney(state.balance, state.currency),
      currency: state.currency,
      version: state.version,
      available: formatMoney(money(state.balance).minus(state.held), state.currency),
    };
    this.context.forward({ key: accountId, value: { kind: 'balance', row }, timestamp: timestampMs, headers: {} });
  }

  private authorize(command: HoldRequested, timestampMs: number): void {
    const { data } = command;
    if (this.seen.get(data.holdId)) return;
    // The record's own time, so a replay decides the expiry check the same way.
    const nowMs = Math.max(timestampMs, 0);
    const state = this.accounts.get(data.accountId) ?? null;
    const decision = authorizeHold(state, command, nowMs);
    this.seen.put(data.holdId, { status: decision.ok ? 'pending' : 'rejected', decidedAtMs: Math.max(timestampMs, 0) });
    if (!decision.ok) {
      if (state === null) return;
      this.forwardHold(newHold(command, state.organizationId, nowMs, 'rejected', decision.reason), timestampMs);
      return;
    }
    this.holds.put(data.holdId, decision.hold);
    this.saveAccount(data.accountId, decision.account, timestampMs);
    this.forwardHold(decision.hold, timestampMs);
  }

  private capture(command: HoldCaptureRequested, timestampMs: number): void {
    const { data } = command;
    if (this.seen.get(data.transactionId)) return;
    const hold = this.holds.get(data.holdId);
    const state = this.accounts.get(data.accountId);
    if (!hold || !state || hold.accountId !== data.accountId) return;
    const decision = captureHold(state, hold, command, this.context.currentSystemTimeMs());
    if (!decision.ok) return;
    this.seen.put(data.transactionId, { status: 'completed', decidedAtMs: Math.max(timestampMs, 0) });
    this.resolveHold(decision, timestampMs);
    const debit: TransactionRequested = {
      eventId: data.transactionId,
      occurredAt: command.occurredAt,
      source: command.source,
      type: 'TransactionRequested',
      version: 1,
      data: {
        transactionId: data.transactionId,
        accountId: data.accountId,
        type: 'debit',
        amount: data.amount,
        currency: hold.currency,
        description: `Capture of hold ${hold.id}`,
        reference: hold.id,
      },
    };
    const processedAt = new Date(this.context.currentSystemTimeMs());
    const outcome = { status: 'completed' as const, balanceAfter: money(decision.account.balance) };
    const event = outcomeEvent({ command: debit, outcome, processedAt });
    this.context.forward({ key: data.accountId, value: { kind: 'event', event }, timestamp: timestampMs, headers: {} });
    const row = transactionRow(decision.account, event, decision.account.version);
    this.context.forward({
      key: data.transactionId,
      value: { kind: 'transaction', row },
      timestamp: timestampMs,
      headers: {},
    });
  }

  private voidHold(command: HoldVoidRequested, timestampMs: number): void {
    const hold = this.holds.get(command.data.holdId);
    const state = this.accounts.get(command.data.accountId);
    if (!hold || !state || hold.accountId !== command.data.accountId) return;
    const decision = releaseHold(state, hold, 'voided', this.context.currentSystemTimeMs());
    if (decision.ok) this.resolveHold(decision, timestampMs);
  }

  /** A hold that is no longer pending leaves the store; its final row stays in the view. */
  private resolveHold(decision: Extract<HoldDecision, { ok: true }>, timestampMs: number): void {
    this.holds.delete(decision.hold.id);
    this.saveAccount(decision.hold.accountId, decision.account, timestampMs);
    this.forwardHold(decision.hold, timestampMs);
  }

  private expireHolds(nowMs: number): void {
    const expired: HoldState[] = [];
    for (const entry of this.holds.all()) {
      if (entry.value.expiresAtMs <= nowMs) expired.push(entry.value);
      if (expired.length >= HOLD_EXPIRY_BATCH_MAX) break;
    }
    for (const hold of expired) {
      const state = this.accounts.get(hold.accountId);
      if (!state) throw new Error(`hold ${hold.id} belongs to an unknown account`);
      const decision = releaseHold(state, hold, 'expired', nowMs);
      if (decision.ok) this.resolveHold(decision, nowMs);
    }
  }

  private forwardHold(hold: HoldState, timestampMs: number): void {
    this.context.forward({ key: hold.id, value: { kind: 'hold', row: hold }, timestamp: timestampMs, headers: {} });
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

function transactionRow(state: LedgerAccountState, event: TransactionEvent, accountVersion: number): TransactionRow {
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
    accountVersion,
  };
}
