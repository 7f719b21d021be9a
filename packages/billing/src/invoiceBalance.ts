import { type CurrencyCode, formatMoney, type InvoiceStatus, MoneyDecimal } from '@billstream/contracts';
import { isPastDue } from './dates.ts';
import { COLLECTIBLE_STATUSES, canTransition } from './invoiceStatus.ts';

/** The money side of an invoice; amounts are decimal strings in the invoice currency. */
export interface InvoiceBalance {
  readonly status: InvoiceStatus;
  readonly currency: CurrencyCode;
  readonly total: string;
  readonly credited: string;
  readonly paid: string;
  readonly dueDate: string | null;
}

export type BalanceChange =
  | {
      readonly ok: true;
      readonly status: InvoiceStatus;
      readonly credited: string;
      readonly paid: string;
      readonly due: string;
    }
  | { readonly ok: false; readonly reason: 'invalid_transition' | 'amount_exceeds_due'; readonly detail: string };

/** AMOUNT_DUE_RULE: due = total − credited − paid, never below zero. */
export function amountDue(invoice: Pick<InvoiceBalance, 'total' | 'credited' | 'paid'>): MoneyDecimal {
  const due = new MoneyDecimal(invoice.total).minus(invoice.credited).minus(invoice.paid);
  if (due.isNegative()) throw new Error(`invoice is over-settled: due ${due.toFixed()}`);
  return due;
}

/**
 * Where the money leaves an invoice: nothing due → paid; a write-off stays
 * uncollectible; past its due date → overdue; something paid → partially
 * paid; otherwise open.
 */
function settledStatus(invoice: InvoiceBalance, due: MoneyDecimal, paid: MoneyDecimal, today: string): InvoiceStatus {
  if (due.isZero()) return 'paid';
  if (invoice.status === 'uncollectible') return 'uncollectible';
  if (invoice.dueDate !== null && isPastDue(invoice.dueDate, today)) return 'overdue';
  return paid.gt(0) ? 'partially_paid' : 'open';
}

/** A payment (amount > 0) or a refund (amount < 0) applied to a collectible or paid invoice. */
export function applyPayment(invoice: InvoiceBalance, amount: string, today: string): BalanceChange {
  const value = new MoneyDecimal(amount);
  if (value.isZero()) throw new Error('a payment of zero is a bug upstream');
  if (invoice.status === 'draft' || invoice.status === 'void') {
    return { ok: false, reason: 'invalid_transition', detail: `a ${invoice.status} invoice takes no payments` };
  }
  const paid = new MoneyDecimal(invoice.paid).plus(value);
  if (paid.isNegative()) return { ok: false, reason: 'amount_exceeds_due', detail: 'refund exceeds what was paid' };
  const due = new MoneyDecimal(invoice.total).minus(invoice.credited).minus(paid);
  if (due.isNegative()) return { ok: false, reason: 'amount_exceeds_due', detail: `payment exceeds the amount due` };
  return settle(invoice, { credited: new MoneyDecimal(invoice.credited), paid, due, today });
}

/** A credit note lowers what is due on an issued, unpaid part of an invoice. */
export function applyCreditNote(invoice: InvoiceBalance, amount: string, today: string): BalanceChange {
  const value = new MoneyDecimal(amount);
  if (!value.gt(0)) throw new Error('a credit note must be positive');
  if (!COLLECTIBLE_STATUSES.includes(invoice.status)) {
    return { ok: false, reason: 'invalid_transition', detail: `a ${invoice.status} invoice takes no credit notes` };
  }
  const credited = new MoneyDecimal(invoice.credited).plus(value);
  const paid = new MoneyDecimal(invoice.paid);
  const due = new MoneyDecimal(invoice.total).minus(credited).minus(paid);
  if (due.isNegative())
    return { ok: false, reason: 'amount_exceeds_due', detail: 'credit note exceeds the amount due' };
  return settle(invoice, { credited, paid, due, today });
}

function settle(
  invoice: InvoiceBalance,
  figures: { credited: MoneyDecimal; paid: MoneyDecimal; due: MoneyDecimal; today: string },
): BalanceChange {
  const status = settledStatus(invoice, figures.due, figures.paid, figures.today);
  if (status !== invoice.status && !canTransition(invoice.status, status)) {
    return { ok: false, reason: 'invalid_transition', detail: `${invoice.status} → ${status} is not allowed` };
  }
  return {
    ok: true,
    status,
    credited: formatMoney(figures.credited, invoice.currency),
    paid: formatMoney(figures.paid, invoice.currency),
    due: formatMoney(figures.due, invoice.currency),
  };
}

/** OVERDUE_RULE: an open or partially paid invoice becomes overdue the day after its due date. */
export function becomesOverdue(invoice: InvoiceBalance, today: string): boolean {
  if (invoice.status !== 'open' && invoice.status !== 'partially_paid') return false;
  if (invoice.dueDate === null) return false;
  return isPastDue(invoice.dueDate, today) && amountDue(invoice).gt(0);
}
