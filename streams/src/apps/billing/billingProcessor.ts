import {
  applyCreditNote,
  applyPayment,
  type BalanceChange,
  canTransition,
  isCollectible,
  isoDate,
} from '@billstream/billing';
import type {
  ApplyInvoicePayment,
  BillingCommand,
  BillingEvent,
  BillingRejectionReason,
  CreateInvoice,
  InvoiceSnapshot,
  InvoiceStatus,
  IssueCreditNote,
  MasterDataEvent,
  TestClockAdvanced,
} from '@billstream/contracts';
import { MoneyDecimal } from '@billstream/contracts';
import type { KeyValueStore, Processor, ProcessorContext, StreamRecord } from '../../engine/index.ts';
import { type BillingOutput, billingEvent, historyRow, ledgerCommand, stableUuid } from './billingOutputs.ts';
import { APPLIED_IDS_MAX, type InvoiceState } from './billingState.ts';
import { Collection } from './collection.ts';
import { DueWork } from './dueWork.ts';
import { issueInvoice, newInvoice } from './issueInvoice.ts';
import { MASTER_DATA_STORE, MasterData } from './masterData.ts';
import { priceInvoice } from './priceInvoice.ts';

export const INVOICES_STORE = 'billing-invoices';
export const SEQUENCES_STORE = 'billing-sequences';
export const SCHEDULE_STORE = 'billing-schedule';
export const CLOCKS_STORE = 'billing-clocks';
export const COLLECTION_STORE = 'billing-collection';
/** How often the wall clock looks for invoices that turned overdue or need a reminder. */
export const DUE_SCAN_INTERVAL_MS = 60_000;

type InvoiceCommand = Exclude<BillingCommand, CreateInvoice | TestClockAdvanced>;
/** The method the web app's "record a payment" sends: money received outside Billstream. */
const MANUAL_METHOD = 'manual';

/**
 * The billing processor. Commands arrive keyed by organization, so one task
 * owns an organization's invoices, its number sequence and its test clock:
 * numbering is gapless and the verdicts are exactly-once with the runtime's
 * transactions. Pricing and state rules are the pure @billstream/billing.
 */
export class BillingProcessor implements Processor<string, BillingCommand, string, BillingOutput> {
  private context!: ProcessorContext<string, BillingOutput>;
  private invoices!: KeyValueStore<string, InvoiceState>;
  private clocks!: KeyValueStore<string, number>;
  private master!: MasterData;
  private due!: DueWork;
  private collection!: Collection;

  init(context: ProcessorContext<string, BillingOutput>): void {
    this.context = context;
    this.invoices = context.getStateStore<KeyValueStore<string, InvoiceState>>(INVOICES_STORE);
    this.clocks = context.getStateStore<KeyValueStore<string, number>>(CLOCKS_STORE);
    this.master = new MasterData(
      context.getStateStore<KeyValueStore<string, MasterDataEvent | null>>(MASTER_DATA_STORE),
    );
    this.due = new DueWork({
      schedule: context.getStateStore(SCHEDULE_STORE),
      invoices: this.invoices,
      clocks: this.clocks,
      emit: (output, timestampMs) => this.emit(output, timestampMs),
    });
    this.collection = new Collection({
      schedule: context.getStateStore(COLLECTION_STORE),
      invoices: this.invoices,
      master: this.master,
      store: (state, eventType, event, extra, timestampMs) => this.store(state, eventType, event, extra, timestampMs),
      emit: (output, timestampMs) => this.emit(output, timestampMs),
      bump,
    });
    context.schedule(DUE_SCAN_INTERVAL_MS, 'wall-clock-time', (nowMs) => {
      this.due.runWallClock(nowMs);
      const onWallClock = (organizationId: string) => this.clocks.get(organizationId) === undefined;
      this.collection.run(onWallClock, { nowMs, timestampMs: nowMs });
    });
  }

  process(record: StreamRecord<string, BillingCommand>): void {
    const command = record.value;
    const nowMs = this.orgNowMs(command.data.organizationId, command.data.requestedAt);
    if (command.type === 'CreateInvoice') this.create(command, nowMs, record.timestamp);
    else if (command.type === 'TestClockAdvanced') this.advanceClock(command, record.timestamp);
    else this.change(command, nowMs, record.timestamp);
  }

  /** An organization on a test clock lives at the clock's time; others at the command's time (replays agree). */
  private orgNowMs(organizationId: string, requestedAt: string): number {
    return this.clocks.get(organizationId) ?? Date.parse(requestedAt);
  }

  private create(command: CreateInvoice, nowMs: number, timestampMs: number): void {
    const { data } = command;
    if (this.invoices.get(data.invoiceId)) return; // the same invoice id twice: already decided
    const priced = priceInvoice(data, this.master);
    if (!priced.ok) {
      this.reject(command, data.accountId, priced, timestampMs);
      return;
    }
    const created = newInvoice(data, priced.totals, nowMs);
    this.emit({ kind: 'lines', row: created.lines }, timestampMs);
    let invoice = created.invoice;
    this.record(invoice, null, 'InvoiceDrafted', timestampMs, billingEvent('InvoiceDrafted', { invoice }));
    if (data.draft) return;
    invoice = issueInvoice(invoice, {
      master: this.master,
      sequences: this.context.getStateStore(SEQUENCES_STORE),
      nowMs,
    });
    this.due.scheduleFor(invoice, this.master.config(invoice.organizationId, 'dunning_offsets_days'));
    this.record(invoice, null, 'InvoiceIssued', timestampMs, billingEvent('InvoiceIssued', { invoice }));
    this.settleIfNothingDue(invoice, nowMs, timestampMs);
    this.collection.start(invoice.id, data.subscriptionId ?? null, { nowMs, timestampMs });
  }

  private change(command: InvoiceCommand, nowMs: number, timestampMs: number): void {
    const state = this.invoices.get(command.data.invoiceId);
    if (!state || state.invoice.organizationId !== command.data.organizationId) {
      this.reject(command, null, { reason: 'invoice_not_found', detail: 'no such invoice' }, timestampMs);
      return;
    }
    if (command.type === 'IssueInvoice') {
      this.issueDraft(command, state, nowMs, timestampMs);
      return;
    }
    if (command.type === 'VoidInvoice') {
      this.move(command, state, 'void', nowMs, timestampMs);
      return;
    }
    if (command.type === 'MarkInvoiceUncollectible') {
      this.move(command, state, 'uncollectible', nowMs, timestampMs);
      return;
    }
    if (command.type === 'IssueCreditNote') {
      this.creditNote(command, state, nowMs, timestampMs);
      return;
    }
    if (command.type === 'RecordInvoicePaymentFailure') {
      this.collection.onFailure(command, state, { nowMs, timestampMs });
      return;
    }
    this.payment(command, state, nowMs, timestampMs);
  }

  private issueDraft(command: InvoiceCommand, state: InvoiceState, nowMs: number, timestampMs: number): void {
    if (state.invoice.status !== 'draft') {
      this.refuseTransition(command, state, 'open', timestampMs);
      return;
    }
    const sequences = this.context.getStateStore<KeyValueStore<string, number>>(SEQUENCES_STORE);
    const invoice = issueInvoice(state.invoice, { master: this.master, sequences, nowMs });
    this.due.scheduleFor(invoice, this.master.config(invoice.organizationId, 'dunning_offsets_days'));
    this.record(invoice, state, 'InvoiceIssued', timestampMs, billingEvent('InvoiceIssued', { invoice }));
    this.settleIfNothingDue(invoice, nowMs, timestampMs);
    this.collection.start(invoice.id, null, { nowMs, timestampMs });
  }

  /**
   * An invoice issued with nothing to pay (a 100 % discount, a free plan) is
   * paid at once, as Stripe does: left open it would turn overdue and dun the
   * customer for 0.00. The settlement id is derived from the invoice, so a
   * replay settles it once.
   */
  private settleIfNothingDue(issued: InvoiceSnapshot, nowMs: number, timestampMs: number): void {
    if (issued.status !== 'open') throw new Error(`settling invoice ${issued.id} that is ${issued.status}`);
    if (!new MoneyDecimal(issued.due).isZero()) return;
    const state = this.invoices.get(issued.id);
    if (!state) throw new Error(`issued invoice ${issued.id} is not in the store`);
    const invoice = bump(issued, { status: 'paid' }, nowMs);
    const paymentId = stableUuid(`nothing-due:${issued.id}`);
    const event = billingEvent('InvoicePaid', { invoice, paymentId, amount: issued.due });
    this.record(invoice, state, 'InvoicePaid', timestampMs, event, { amount: issued.due, detail: 'nothing_due' });
  }

  private move(
    command: InvoiceCommand,
    state: InvoiceState,
    to: InvoiceStatus,
    nowMs: number,
    timestampMs: number,
  ): void {
    if (!canTransition(state.invoice.status, to)) {
      this.refuseTransition(command, state, to, timestampMs);
      return;
    }
    const invoice = bump(state.invoice, { status: to }, nowMs);
    if (to === 'void') {
      const reason = command.type === 'VoidInvoice' ? command.data.reason : '';
      this.record(invoice, state, 'InvoiceVoided', timestampMs, billingEvent('InvoiceVoided', { invoice, reason }), {
        detail: reason,
      });
    } else {
      this.record(
        invoice,
        state,
        'InvoiceUncollectible',
        timestampMs,
        billingEvent('InvoiceUncollectible', { invoice }),
      );
    }
  }

  private creditNote(command: IssueCreditNote, state: InvoiceState, nowMs: number, timestampMs: number): void {
    const { data } = command;
    if (state.applied.includes(data.creditNoteId)) return;
    const change = applyCreditNote(balanceOf(state.invoice), data.amount, isoDate(nowMs));
    if (!change.ok) {
      this.reject(command, state.invoice.accountId, change, timestampMs);
      return;
    }
    const invoice = bump(state.invoice, settled(change), nowMs);
    const event = billingEvent('CreditNoteIssued', {
      invoice,
      creditNoteId: data.creditNoteId,
      amount: data.amount,
      reason: data.reason,
    });
    this.record(invoice, state, 'CreditNoteIssued', timestampMs, event, {
      amount: data.amount,
      detail: data.reason,
      applied: data.creditNoteId,
    });
  }

  /** INVOICE_PAYMENT_LEDGER_RULE (docs/collection.md): every method reaches the ledger here, once per payment id. */
  private payment(command: ApplyInvoicePayment, state: InvoiceState, nowMs: number, timestampMs: number): void {
    const { data } = command;
    if (state.applied.includes(data.paymentId)) return;
    const change = applyPayment(balanceOf(state.invoice), data.amount, isoDate(nowMs));
    if (!change.ok) {
      this.reject(command, state.invoice.accountId, change, timestampMs);
      // Money a gateway already moved stays on the account (as unapplied credit or a debit);
      // a refused manual record moved nothing.
      if (data.method !== MANUAL_METHOD) this.postToLedger(state.invoice, data, nowMs, timestampMs);
      return;
    }
    const changes = { ...settled(change), ...this.collection.settledBy(state, data.paymentId) };
    const invoice = bump(state.invoice, changes, nowMs);
    const type = invoice.status === 'paid' ? 'InvoicePaid' : 'InvoicePartiallyPaid';
    const event = billingEvent(type, { invoice, paymentId: data.paymentId, amount: data.amount });
    this.record(invoice, state, type, timestampMs, event, {
      amount: data.amount,
      detail: data.method,
      applied: data.paymentId,
    });
    this.postToLedger(invoice, data, nowMs, timestampMs);
  }

  private postToLedger(
    invoice: InvoiceSnapshot,
    data: ApplyInvoicePayment['data'],
    nowMs: number,
    timestampMs: number,
  ): void {
    const command = ledgerCommand(invoice, data, new Date(nowMs).toISOString());
    if (command) this.emit({ kind: 'ledger', key: invoice.accountId, command }, timestampMs);
  }

  private advanceClock(command: TestClockAdvanced, timestampMs: number): void {
    const { organizationId, nowAt } = command.data;
    const nowMs = Date.parse(nowAt);
    const current = this.clocks.get(organizationId);
    // A test clock only moves forward: time travel backwards would un-issue reminders.
    if (current !== undefined && nowMs <= current) return;
    this.clocks.put(organizationId, nowMs);
    this.emit({ kind: 'clock', row: { organizationId, nowAt: new Date(nowMs).toISOString() } }, timestampMs);
    this.due.runForOrganization(organizationId, nowMs, timestampMs);
    this.collection.run((candidate) => candidate === organizationId, { nowMs, timestampMs });
  }

  /** Stores the new snapshot and sends it to the views, the timeline and billing-events. */
  private record(
    invoice: InvoiceSnapshot,
    previous: InvoiceState | null,
    eventType: BillingEvent['type'],
    timestampMs: number,
    event: BillingEvent,
    extra: { amount?: string; detail?: string; applied?: string } = {},
  ): void {
    const applied = [...(previous?.applied ?? []), ...(extra.applied ? [extra.applied] : [])];
    if (applied.length > APPLIED_IDS_MAX)
      throw new Error(`invoice ${invoice.id} took more than ${APPLIED_IDS_MAX} payments`);
    this.store({ ...previous, invoice, applied }, eventType, event, extra, timestampMs);
  }

  private store(
    state: InvoiceState,
    eventType: string,
    event: BillingEvent | null,
    extra: { amount?: string; detail?: string },
    timestampMs: number,
  ): void {
    const { invoice } = state;
    this.invoices.put(invoice.id, state);
    this.emit({ kind: 'invoice', row: invoice }, timestampMs);
    this.emit({ kind: 'history', row: historyRow(invoice, eventType, extra) }, timestampMs);
    if (event) this.emit({ kind: 'event', key: invoice.accountId, event }, timestampMs);
  }

  private refuseTransition(command: InvoiceCommand, state: InvoiceState, to: InvoiceStatus, timestampMs: number): void {
    const detail = `${state.invoice.status} → ${to} is not allowed`;
    this.reject(command, state.invoice.accountId, { reason: 'invalid_transition', detail }, timestampMs);
  }

  private reject(
    command: BillingCommand,
    accountId: string | null,
    why: { reason: BillingRejectionReason; detail: string },
    timestampMs: number,
  ): void {
    if (command.type === 'TestClockAdvanced') throw new Error('a clock advance is never rejected');
    const { invoiceId, organizationId } = command.data;
    const at = new Date(this.context.currentSystemTimeMs()).toISOString();
    const row = { invoiceId, organizationId, command: command.type, reason: why.reason, detail: why.detail, at };
    this.emit({ kind: 'rejection', row }, timestampMs);
    const { at: _at, ...data } = row;
    const event = billingEvent('BillingCommandRejected', data);
    this.emit({ kind: 'event', key: accountId ?? organizationId, event }, timestampMs);
  }

  private emit(value: BillingOutput, timestampMs: number): void {
    const key = 'key' in value ? value.key : outputKey(value);
    this.context.forward({ key, value, timestamp: timestampMs, headers: {} });
  }
}

function outputKey(output: Extract<BillingOutput, { row: unknown }>): string {
  if (output.kind === 'invoice') return output.row.id;
  if (output.kind === 'lines' || output.kind === 'rejection') return output.row.invoiceId;
  if (output.kind === 'history') return `${output.row.invoiceId}:${output.row.version}`;
  if (output.kind === 'clock') return output.row.organizationId;
  return output.row.id;
}

function balanceOf(invoice: InvoiceSnapshot) {
  return {
    status: invoice.status,
    currency: invoice.currency,
    total: invoice.total,
    credited: invoice.credited,
    paid: invoice.paid,
    dueDate: invoice.dueDate,
  };
}

function settled(change: Extract<BalanceChange, { ok: true }>): Partial<InvoiceSnapshot> {
  return { status: change.status, credited: change.credited, paid: change.paid, due: change.due };
}

export function bump(invoice: InvoiceSnapshot, changes: Partial<InvoiceSnapshot>, nowMs: number): InvoiceSnapshot {
  const next = { ...invoice, ...changes, version: invoice.version + 1, updatedAt: new Date(nowMs).toISOString() };
  // An invoice that can no longer be charged has no charge ahead of it (the scheduled entry skips it).
  return isCollectible(next) ? next : { ...next, nextPaymentAttemptAt: null };
}
