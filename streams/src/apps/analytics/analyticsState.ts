import {
  AggregateMoneyString,
  type BillingEvent,
  Currency,
  type InvoiceSnapshot,
  MoneyString,
  money,
} from '@billstream/contracts';
import { z } from 'zod';

/**
 * The analytics aggregates: what each window holds, and the pure folds that
 * add one event to it. Money is a decimal string folded with decimal.js.
 */

/** One organization and currency per day: invoicing and collection. */
export const RevenueDay = z.object({
  organizationId: z.uuid(),
  currency: Currency,
  invoiced: AggregateMoneyString,
  collected: AggregateMoneyString,
  credited: AggregateMoneyString,
  issued: z.number().int().min(0),
  paid: z.number().int().min(0),
  overdue: z.number().int().min(0),
  voided: z.number().int().min(0),
});
export type RevenueDay = z.infer<typeof RevenueDay>;

/** One organization and currency per minute: the ledger's transaction volume. */
export const TransactionMinute = z.object({
  organizationId: z.uuid(),
  currency: Currency,
  completed: z.number().int().min(0),
  rejected: z.number().int().min(0),
  credits: AggregateMoneyString,
  debits: AggregateMoneyString,
});
export type TransactionMinute = z.infer<typeof TransactionMinute>;

/** One organization and gateway per hour: payment outcomes. */
export const PaymentHour = z.object({
  organizationId: z.uuid(),
  gateway: z.string().min(1).max(30),
  succeeded: z.number().int().min(0),
  failed: z.number().int().min(0),
});
export type PaymentHour = z.infer<typeof PaymentHour>;

/** The latest state of one invoice, for aging. */
export const Receivable = z.object({
  invoiceId: z.uuid(),
  organizationId: z.uuid(),
  accountId: z.uuid(),
  currency: Currency,
  status: z.string().max(20),
  due: MoneyString,
  dueDate: z.iso.date().nullable(),
  version: z.number().int().min(1),
});
export type Receivable = z.infer<typeof Receivable>;

/** A transaction outcome joined with its account's organization. */
export const TransactionFact = z.object({
  organizationId: z.uuid(),
  currency: Currency,
  completed: z.boolean(),
  kind: z.enum(['credit', 'debit']),
  amount: MoneyString,
});
export type TransactionFact = z.infer<typeof TransactionFact>;

/** A payment reaching a final outcome at a gateway. */
export const PaymentFact = z.object({
  organizationId: z.uuid(),
  gateway: z.string().min(1).max(30),
  succeeded: z.boolean(),
});
export type PaymentFact = z.infer<typeof PaymentFact>;

export const emptyRevenueDay = (): RevenueDay => ({
  organizationId: '00000000-0000-4000-8000-000000000000',
  currency: 'USD',
  invoiced: '0',
  collected: '0',
  credited: '0',
  issued: 0,
  paid: 0,
  overdue: 0,
  voided: 0,
});

const add = (a: string, b: string) => money(a).plus(b).toFixed();

/** The invoice snapshot of an event, or null for events without one. */
export function snapshotOf(event: BillingEvent): InvoiceSnapshot | null {
  return event.type === 'BillingCommandRejected' ? null : event.data.invoice;
}

/** Adds one billing event to its day; events that change no figure return the day as it was. */
export function foldRevenue(event: BillingEvent, day: RevenueDay): RevenueDay {
  const invoice = snapshotOf(event);
  if (invoice === null) return day;
  const base = { ...day, organizationId: invoice.organizationId, currency: invoice.currency };
  switch (event.type) {
    case 'InvoiceIssued':
      return { ...base, issued: day.issued + 1, invoiced: add(day.invoiced, invoice.total) };
    case 'InvoicePaid':
      return { ...base, paid: day.paid + 1, collected: add(day.collected, event.data.amount) };
    case 'InvoicePartiallyPaid':
      return { ...base, collected: add(day.collected, event.data.amount) };
    case 'InvoiceOverdue':
      return { ...base, overdue: day.overdue + 1 };
    case 'InvoiceVoided':
      return { ...base, voided: day.voided + 1 };
    case 'CreditNoteIssued':
      return { ...base, credited: add(day.credited, event.data.amount) };
    default:
      return base;
  }
}

/** Billing events that move a daily figure; the rest do not open a window. */
export const REVENUE_EVENT_TYPES: ReadonlySet<BillingEvent['type']> = new Set([
  'InvoiceIssued',
  'InvoicePaid',
  'InvoicePartiallyPaid',
  'InvoiceOverdue',
  'InvoiceVoided',
  'CreditNoteIssued',
]);

export function foldTransaction(fact: TransactionFact, minute: TransactionMinute | null): TransactionMinute {
  const base = minute ?? {
    organizationId: fact.organizationId,
    currency: fact.currency,
    completed: 0,
    rejected: 0,
    credits: '0',
    debits: '0',
  };
  if (!fact.completed) return { ...base, rejected: base.rejected + 1 };
  return {
    ...base,
    completed: base.completed + 1,
    credits: fact.kind === 'credit' ? add(base.credits, fact.amount) : base.credits,
    debits: fact.kind === 'debit' ? add(base.debits, fact.amount) : base.debits,
  };
}

export function foldPayment(fact: PaymentFact, hour: PaymentHour | null): PaymentHour {
  const base = hour ?? { organizationId: fact.organizationId, gateway: fact.gateway, succeeded: 0, failed: 0 };
  return fact.succeeded ? { ...base, succeeded: base.succeeded + 1 } : { ...base, failed: base.failed + 1 };
}

export function receivableOf(invoice: InvoiceSnapshot): Receivable {
  return {
    invoiceId: invoice.id,
    organizationId: invoice.organizationId,
    accountId: invoice.accountId,
    currency: invoice.currency,
    status: invoice.status,
    due: invoice.due,
    dueDate: invoice.dueDate,
    version: invoice.version,
  };
}
