import {
  BillingRejectionReason,
  Currency,
  InvoiceLineSnapshot,
  InvoiceSnapshot,
  MoneyString,
} from '@billstream/contracts';
import { z } from 'zod';

/** Payments, refunds and credit notes one invoice may take; their ids make each one idempotent. */
export const APPLIED_IDS_MAX = 200;

/** Automatic collection of one invoice (absent for manual invoices and states stored before it existed). */
export const CollectionState = z.strictObject({
  /** The first charge's instant: the retry schedule counts from it. */
  firstAttemptMs: z.number().int(),
  /** The charge waiting for the gateway's answer; only its failure moves the schedule on. */
  pendingPaymentId: z.uuid().nullable(),
  /** The subscription the dunning policy pauses or cancels. */
  subscriptionId: z.uuid().nullable(),
});
export type CollectionState = z.infer<typeof CollectionState>;

/** `billing-invoices` (changelogged): the latest snapshot and what was applied to it. */
export const InvoiceState = z.strictObject({
  invoice: InvoiceSnapshot,
  applied: z.array(z.uuid()).max(APPLIED_IDS_MAX),
  collection: CollectionState.optional(),
});
export type InvoiceState = z.infer<typeof InvoiceState>;

/** `billing-schedule`, keyed `<date>|<invoiceId>|<kind><offset>`: work due on a date (overdue marking, reminders). */
export const ScheduleEntry = z.strictObject({
  organizationId: z.uuid(),
  invoiceId: z.uuid(),
  kind: z.enum(['overdue', 'reminder']),
  /** Days from the due date (reminders only). */
  offsetDays: z.number().int(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

/** `billing-collection`, keyed `<ISO instant>|<invoiceId>`: the next automatic charge of an invoice. */
export const CollectionEntry = z.strictObject({
  organizationId: z.uuid(),
  invoiceId: z.uuid(),
  /** The attempt number this entry makes (2 is the first retry). */
  attempt: z.number().int().min(2),
});
export type CollectionEntry = z.infer<typeof CollectionEntry>;

/** Rows for the `billing_invoice_lines` view: every line of one invoice, written once. */
export const InvoiceLinesRow = z.strictObject({
  invoiceId: z.uuid(),
  organizationId: z.uuid(),
  lines: z.array(InvoiceLineSnapshot),
});
export type InvoiceLinesRow = z.infer<typeof InvoiceLinesRow>;

/** One step of an invoice's status timeline. */
export const HistoryRow = z.strictObject({
  invoiceId: z.uuid(),
  organizationId: z.uuid(),
  version: z.number().int().min(1),
  status: z.string(),
  eventType: z.string(),
  amount: MoneyString.nullable(),
  detail: z.string().nullable(),
  occurredAt: z.string(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const ClockRow = z.strictObject({ organizationId: z.uuid(), nowAt: z.string() });
export type ClockRow = z.infer<typeof ClockRow>;

/** A dunning reminder to mail; its id is derived from the invoice and offset so a replay writes it once. */
export const ReminderRow = z.strictObject({
  id: z.uuid(),
  organizationId: z.uuid(),
  accountId: z.uuid(),
  invoiceNumber: z.string(),
  offsetDays: z.number().int(),
  due: MoneyString,
  currency: Currency,
  dueDate: z.string(),
});
export type ReminderRow = z.infer<typeof ReminderRow>;

export const RejectionRow = z.strictObject({
  invoiceId: z.uuid(),
  organizationId: z.uuid(),
  command: z.string(),
  reason: BillingRejectionReason,
  detail: z.string(),
  at: z.string(),
});
export type RejectionRow = z.infer<typeof RejectionRow>;
