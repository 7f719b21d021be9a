import { dueDate as addDays, amountDue, becomesOverdue, isoDate } from '@billstream/billing';
import type { InvoiceSnapshot } from '@billstream/contracts';
import type { KeyValueStore } from '../../engine/index.ts';
import { type BillingOutput, billingEvent, historyRow, stableUuid } from './billingOutputs.ts';
import type { InvoiceState, ScheduleEntry } from './billingState.ts';

/** Scheduled entries one run may handle; the rest wait for the next run. */
export const DUE_ENTRIES_PER_RUN_MAX = 5_000;
/** Entries one run may look at (other organizations' clocks included) before it yields. */
export const DUE_ENTRIES_SCANNED_MAX = 50_000;
const DAY_MS = 86_400_000;

interface DueWorkDeps {
  readonly schedule: KeyValueStore<string, ScheduleEntry>;
  readonly invoices: KeyValueStore<string, InvoiceState>;
  readonly clocks: KeyValueStore<string, number>;
  readonly emit: (output: BillingOutput, timestampMs: number) => void;
}

/**
 * Overdue marking and dunning reminders. Each issued invoice leaves entries
 * in a date-ordered store (`<date>|<invoice>|<kind>`), so a run reads only
 * what is due, never every invoice. Organizations on a test clock move only
 * when their clock does; the wall clock moves everyone else.
 */
export class DueWork {
  constructor(private readonly deps: DueWorkDeps) {}

  scheduleFor(invoice: InvoiceSnapshot, reminderOffsetsDays: readonly number[]): void {
    if (invoice.dueDate === null || invoice.issueDate === null) throw new Error('only issued invoices are scheduled');
    const base = { organizationId: invoice.organizationId, invoiceId: invoice.id };
    this.deps.schedule.put(`${addDays(invoice.dueDate, 1)}|${invoice.id}|overdue`, {
      ...base,
      kind: 'overdue',
      offsetDays: 1,
    });
    for (const offset of reminderOffsetsDays) {
      const date = shiftDate(invoice.dueDate, offset);
      if (date < invoice.issueDate) continue;
      this.deps.schedule.put(`${date}|${invoice.id}|reminder${offset}`, {
        ...base,
        kind: 'reminder',
        offsetDays: offset,
      });
    }
  }

  runWallClock(nowMs: number): void {
    const today = isoDate(nowMs);
    this.run(today, (entry) => this.deps.clocks.get(entry.organizationId) === undefined, nowMs, nowMs);
  }

  runForOrganization(organizationId: string, clockMs: number, timestampMs: number): void {
    this.run(isoDate(clockMs), (entry) => entry.organizationId === organizationId, clockMs, timestampMs);
  }

  private run(today: string, applies: (entry: ScheduleEntry) => boolean, nowMs: number, timestampMs: number): void {
    const fired: string[] = [];
    let scanned = 0;
    for (const { key, value } of this.deps.schedule.range('', `${today}|~`)) {
      scanned += 1;
      if (fired.length >= DUE_ENTRIES_PER_RUN_MAX || scanned > DUE_ENTRIES_SCANNED_MAX) break;
      if (!applies(value)) continue;
      fired.push(key);
      const state = this.deps.invoices.get(value.invoiceId);
      if (!state) continue;
      if (value.kind === 'overdue') this.markOverdue(state, today, nowMs, timestampMs);
      else this.remind(state, value.offsetDays, timestampMs);
    }
    for (const key of fired) this.deps.schedule.delete(key);
  }

  private markOverdue(state: InvoiceState, today: string, nowMs: number, timestampMs: number): void {
    const current = state.invoice;
    if (!becomesOverdue(current, today)) return;
    const invoice = {
      ...current,
      status: 'overdue' as const,
      version: current.version + 1,
      updatedAt: new Date(nowMs).toISOString(),
    };
    this.deps.invoices.put(invoice.id, { ...state, invoice });
    this.deps.emit({ kind: 'invoice', row: invoice }, timestampMs);
    this.deps.emit({ kind: 'history', row: historyRow(invoice, 'InvoiceOverdue', {}) }, timestampMs);
    this.deps.emit(
      { kind: 'event', key: invoice.accountId, event: billingEvent('InvoiceOverdue', { invoice }) },
      timestampMs,
    );
  }

  private remind(state: InvoiceState, offsetDays: number, timestampMs: number): void {
    const invoice = state.invoice;
    const collectible =
      invoice.status === 'open' || invoice.status === 'partially_paid' || invoice.status === 'overdue';
    if (!collectible || invoice.invoiceNumber === null || invoice.dueDate === null || amountDue(invoice).isZero())
      return;
    const row = {
      id: stableUuid(`reminder:${invoice.id}:${offsetDays}`),
      organizationId: invoice.organizationId,
      accountId: invoice.accountId,
      invoiceNumber: invoice.invoiceNumber,
      offsetDays,
      due: invoice.due,
      currency: invoice.currency,
      dueDate: invoice.dueDate,
    };
    this.deps.emit({ kind: 'reminder', row }, timestampMs);
    // The same reminder as a domain event, for mail delivery and outbound webhooks reading billing-events.
    const event = billingEvent('InvoiceReminderDue', { invoice, reminderId: row.id, offsetDays });
    this.deps.emit({ kind: 'event', key: invoice.accountId, event }, timestampMs);
  }
}

/** A calendar date moved by whole days (negative: earlier). */
function shiftDate(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}
