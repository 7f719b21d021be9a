import { dueDate, formatInvoiceNumber, type InvoiceTotals, isoDate, sequenceKey } from '@billstream/billing';
import type { CreateInvoiceData, InvoiceSnapshot } from '@billstream/contracts';
import type { KeyValueStore } from '../../engine/index.ts';
import type { InvoiceLinesRow } from './billingState.ts';
import type { MasterData } from './masterData.ts';

/** A priced invoice as a draft (version 1), with its lines for the view. */
export function newInvoice(
  data: CreateInvoiceData,
  totals: InvoiceTotals,
  nowMs: number,
): { invoice: InvoiceSnapshot; lines: InvoiceLinesRow } {
  if (totals.currency !== data.currency) throw new Error('priced in another currency');
  const invoice: InvoiceSnapshot = {
    id: data.invoiceId,
    organizationId: data.organizationId,
    accountId: data.accountId,
    invoiceNumber: null,
    currency: data.currency,
    priceMode: data.priceMode,
    status: 'draft',
    subtotal: totals.subtotal,
    discount: totals.discount,
    tax: totals.tax,
    total: totals.total,
    credited: '0',
    paid: '0',
    due: totals.total,
    issueDate: null,
    dueDate: null,
    memo: data.memo ?? null,
    collection: data.collection ?? 'manual',
    paymentAttempts: 0,
    nextPaymentAttemptAt: null,
    lastPaymentError: null,
    version: 1,
    updatedAt: new Date(nowMs).toISOString(),
  };
  const lines = totals.lines.map((line) => ({ ...line, discount: line.discount }));
  return { invoice, lines: { invoiceId: data.invoiceId, organizationId: data.organizationId, lines } };
}

/**
 * Issues a draft: the next number of the organization's sequence for the
 * year of issue (gapless: the sequence is a changelogged store updated in the
 * same transaction as the invoice), the issue date and the due date.
 */
export function issueInvoice(
  draft: InvoiceSnapshot,
  deps: { master: MasterData; sequences: KeyValueStore<string, number>; nowMs: number },
): InvoiceSnapshot {
  if (draft.status !== 'draft') throw new Error(`invoice ${draft.id} is ${draft.status}, not a draft`);
  const issueDate = isoDate(deps.nowMs);
  const year = Number(issueDate.slice(0, 4));
  const format = deps.master.config(draft.organizationId, 'invoice_number_format');
  // A format without the year numbers for ever: one sequence, or numbers would repeat each January.
  const key = sequenceKey(draft.organizationId, format.includes('{YYYY}') ? year : 0);
  const sequence = (deps.sequences.get(key) ?? 0) + 1;
  deps.sequences.put(key, sequence);
  const dueDays = deps.master.config(draft.organizationId, 'invoice_due_days');
  return {
    ...draft,
    invoiceNumber: formatInvoiceNumber(format, year, sequence),
    status: 'open',
    issueDate,
    dueDate: dueDate(issueDate, dueDays),
    version: draft.version + 1,
    updatedAt: new Date(deps.nowMs).toISOString(),
  };
}
