import { canTransition, isCollectible, nextCollectionAttemptMs } from '@billstream/billing';
import type { BillingEvent, InvoiceSnapshot, RecordInvoicePaymentFailure } from '@billstream/contracts';
import type { KeyValueStore } from '../../engine/index.ts';
import { type BillingOutput, billingEvent, paymentCommand, stableUuid, subscriptionCommand } from './billingOutputs.ts';
import type { CollectionEntry, CollectionState, InvoiceState } from './billingState.ts';
import type { MasterData } from './masterData.ts';

/** Scheduled charges one run may make; the rest wait for the next run. */
export const COLLECTION_ENTRIES_PER_RUN_MAX = 1_000;
/** Entries one run may look at (other organizations' clocks included) before it yields. */
export const COLLECTION_ENTRIES_SCANNED_MAX = 50_000;
/** The failure code recorded when the account has no default payment method. */
export const NO_PAYMENT_METHOD = 'no_payment_method';

const iso = (ms: number) => new Date(ms).toISOString();

/** The organization's time (test clock or command time) and the record timestamp of the outputs. */
export interface Now {
  readonly nowMs: number;
  readonly timestampMs: number;
}

type Collecting = InvoiceState & { collection: CollectionState };

interface CollectionDeps {
  readonly schedule: KeyValueStore<string, CollectionEntry>;
  readonly invoices: KeyValueStore<string, InvoiceState>;
  readonly master: MasterData;
  /** Stores the state and emits its invoice row, a timeline entry named `eventType` and the event, if any. */
  readonly store: (
    state: InvoiceState,
    eventType: string,
    event: BillingEvent | null,
    extra: { amount?: string; detail?: string },
    timestampMs: number,
  ) => void;
  readonly emit: (output: BillingOutput, timestampMs: number) => void;
  readonly bump: (invoice: InvoiceSnapshot, changes: Partial<InvoiceSnapshot>, nowMs: number) => InvoiceSnapshot;
}

/**
 * Automatic collection (docs/collection.md). An automatic invoice is charged
 * at issue; a failed charge is tried again on COLLECTION_RETRY_SCHEDULE from
 * a date-ordered store (`<instant>|<invoice>`), run by the billing
 * punctuator and by test clock advances; after the last retry the dunning
 * policy applies. Charges are payment commands with ids derived from the
 * invoice and the attempt number, so a replay after a crash asks for the
 * same payment and the payments processor refuses the duplicate.
 */
export class Collection {
  constructor(private readonly deps: CollectionDeps) {}

  /** Called right after an invoice is issued: the first charge of an automatic invoice. */
  start(invoiceId: string, subscriptionId: string | null, now: Now): void {
    const state = this.deps.invoices.get(invoiceId);
    if (!state) throw new Error(`issued invoice ${invoiceId} is not in the store`);
    if (state.invoice.collection !== 'automatic' || !isCollectible(state.invoice)) return;
    const collection: CollectionState = { firstAttemptMs: now.nowMs, pendingPaymentId: null, subscriptionId };
    this.charge({ ...state, collection }, 1, now);
  }

  /** Charges the default method, or records `no_payment_method` as this attempt's failure. */
  private charge(state: Collecting, attempt: number, now: Now): void {
    const { invoice } = state;
    const method = this.deps.master.defaultPaymentMethod(invoice.organizationId, invoice.accountId);
    const tried = this.deps.bump(invoice, { paymentAttempts: attempt, nextPaymentAttemptAt: null }, now.nowMs);
    if (method === null) {
      this.fail(
        { ...state, invoice: tried },
        null,
        NO_PAYMENT_METHOD,
        'The account has no default payment method',
        now,
      );
      return;
    }
    const paymentId = stableUuid(`collection:${invoice.id}:${attempt}`);
    const charging = { ...state, invoice: tried, collection: { ...state.collection, pendingPaymentId: paymentId } };
    const detail = `${method.type}${method.last4 ? ` ${method.last4}` : ''}, attempt ${attempt}`;
    this.deps.store(charging, 'InvoiceChargeRequested', null, { amount: tried.due, detail }, now.timestampMs);
    const at = iso(now.nowMs);
    const ref = { paymentId, organizationId: invoice.organizationId, requestedAt: at };
    const create = {
      ...ref,
      accountId: invoice.accountId,
      invoiceId: invoice.id,
      amount: tried.due,
      currency: invoice.currency,
      captureMethod: 'automatic',
      paymentMethod: method,
      requestedBy: 'billing:collection',
    };
    const name = `collection:${invoice.id}:${attempt}`;
    const commands = [
      paymentCommand(`${name}:create`, 'CreatePaymentIntent', create, at),
      paymentCommand(`${name}:confirm`, 'ConfirmPaymentIntent', { ...ref, paymentMethod: null }, at),
    ];
    for (const command of commands) this.deps.emit({ kind: 'payment', key: paymentId, command }, now.timestampMs);
  }

  /** A payment of the invoice failed; only the charge billing waits for moves the schedule on. */
  onFailure(command: RecordInvoicePaymentFailure, state: InvoiceState, now: Now): void {
    const { data } = command;
    if (!state.collection || state.collection.pendingPaymentId !== data.paymentId) return;
    this.fail(state as Collecting, data.paymentId, data.code, data.message, now);
  }

  /** What a payment changes on the invoice's collection: the charge billing waited for succeeded. */
  settledBy(state: InvoiceState, paymentId: string): Partial<InvoiceSnapshot> {
    if (!state.collection || state.collection.pendingPaymentId !== paymentId) return {};
    return { lastPaymentError: null, nextPaymentAttemptAt: null };
  }

  private fail(state: Collecting, paymentId: string | null, code: string, message: string, now: Now): void {
    const attempt = state.invoice.paymentAttempts;
    const retryDays = this.deps.master.config(state.invoice.organizationId, 'collection_retry_days');
    const nextMs = nextCollectionAttemptMs(state.collection.firstAttemptMs, attempt, retryDays);
    const nextAt = nextMs === null ? null : iso(Math.max(nextMs, now.nowMs));
    const invoice = this.deps.bump(state.invoice, { lastPaymentError: code, nextPaymentAttemptAt: nextAt }, now.nowMs);
    const failed = { ...state, invoice, collection: { ...state.collection, pendingPaymentId: null } };
    const event = billingEvent('InvoicePaymentFailed', {
      invoice,
      paymentId,
      attempt,
      code,
      message: message.slice(0, 500),
      nextAttemptAt: nextAt,
    });
    this.deps.store(failed, 'InvoicePaymentFailed', event, { detail: `${code}, attempt ${attempt}` }, now.timestampMs);
    if (nextMs === null) {
      this.exhaust(failed, attempt, now);
      return;
    }
    // A retry already due (the answer came back late, or a test clock jumped past it) is made now.
    if (nextMs <= now.nowMs) this.charge(failed, attempt + 1, now);
    else
      this.deps.schedule.put(`${iso(nextMs)}|${invoice.id}`, {
        organizationId: invoice.organizationId,
        invoiceId: invoice.id,
        attempt: attempt + 1,
      });
  }

  /** The last retry failed: the organization's dunning policy. */
  private exhaust(state: Collecting, attempts: number, now: Now): void {
    const { organizationId } = state.invoice;
    const invoiceAction = this.deps.master.config(organizationId, 'collection_invoice_action');
    let invoice = state.invoice;
    if (invoiceAction === 'mark_uncollectible' && canTransition(invoice.status, 'uncollectible')) {
      invoice = this.deps.bump(invoice, { status: 'uncollectible' }, now.nowMs);
      const event = billingEvent('InvoiceUncollectible', { invoice });
      this.deps.store(
        { ...state, invoice },
        'InvoiceUncollectible',
        event,
        { detail: 'collection_failed' },
        now.timestampMs,
      );
    }
    const { subscriptionId } = state.collection;
    const subscriptionAction = this.deps.master.config(organizationId, 'collection_subscription_action');
    if (subscriptionId !== null && subscriptionAction !== 'none') {
      const at = iso(now.nowMs);
      const data = { subscriptionId, organizationId, requestedAt: at };
      const command =
        subscriptionAction === 'pause'
          ? subscriptionCommand(`dunning:${invoice.id}`, 'PauseSubscription', data, at)
          : subscriptionCommand(`dunning:${invoice.id}`, 'CancelSubscription', { ...data, atPeriodEnd: false }, at);
      this.deps.emit({ kind: 'subscription', key: organizationId, command }, now.timestampMs);
    }
    const event = billingEvent('InvoiceCollectionFailed', {
      invoice,
      attempts,
      invoiceAction,
      subscriptionAction,
      subscriptionId,
    });
    this.deps.emit({ kind: 'event', key: invoice.accountId, event }, now.timestampMs);
  }

  /** Makes the charges due by `now` for the organizations `applies` selects. */
  run(applies: (organizationId: string) => boolean, now: Now): void {
    const due: CollectionEntry[] = [];
    const fired: string[] = [];
    let scanned = 0;
    for (const { key, value } of this.deps.schedule.range('', `${iso(now.nowMs)}|~`)) {
      scanned += 1;
      if (fired.length >= COLLECTION_ENTRIES_PER_RUN_MAX || scanned > COLLECTION_ENTRIES_SCANNED_MAX) break;
      if (!applies(value.organizationId)) continue;
      fired.push(key);
      due.push(value);
    }
    // Charging may schedule new entries: the store is changed only after the scan.
    for (const key of fired) this.deps.schedule.delete(key);
    for (const entry of due) {
      const state = this.deps.invoices.get(entry.invoiceId);
      // Paid, voided or written off meanwhile, or this attempt already made: nothing to charge.
      if (!state?.collection || !isCollectible(state.invoice)) continue;
      if (state.invoice.paymentAttempts !== entry.attempt - 1 || state.collection.pendingPaymentId !== null) continue;
      this.charge(state as Collecting, entry.attempt, now);
    }
  }
}
