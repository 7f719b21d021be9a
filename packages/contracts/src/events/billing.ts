import { z } from 'zod';
import { Currency, isMoneyText, MoneyDecimal, MoneyString, PositiveMoneyString } from '../money.ts';
import { envelope } from './envelope.ts';
import { CollectionInvoiceAction, CollectionSubscriptionAction, TaxCategory, TaxRateString } from './masterData.ts';

/** Most lines one invoice may carry (the large-invoice benchmark uses 1,000). */
export const INVOICE_LINES_MAX = 1000;
/** Most discounts one invoice may carry. */
export const INVOICE_DISCOUNTS_MAX = 5;

const Timestamp = z.iso.datetime({ offset: true });
/** A calendar date, "2026-11-25". */
export const IsoDate = z.iso.date();

/** A quantity: positive, at most 4 fraction digits (stored as NUMERIC(19,4)). */
export const QuantityString = PositiveMoneyString;

/** How unit prices are read: net of tax (exclusive) or tax included (inclusive). */
export const PriceMode = z.enum(['tax_exclusive', 'tax_inclusive']);
export type PriceMode = z.infer<typeof PriceMode>;

export const ProductLineInput = z.strictObject({
  productId: z.uuid(),
  quantity: QuantityString,
  description: z.string().trim().min(1).max(500).optional(),
});
export const FreeLineInput = z.strictObject({
  description: z.string().trim().min(1).max(500),
  quantity: QuantityString,
  unitPrice: MoneyString.refine((value) => !isMoneyText(value) || new MoneyDecimal(value).gte(0), {
    message: 'must not be negative',
  }),
  taxCategory: TaxCategory,
});
/** A line names a product (priced from master data) or carries its own price. */
export const InvoiceLineInput = z.union([ProductLineInput, FreeLineInput]);
export type InvoiceLineInput = z.infer<typeof InvoiceLineInput>;

export const PercentDiscount = z.strictObject({
  kind: z.literal('percent'),
  /** "10" is 10 %: 0 < percent ≤ 100. */
  percent: PositiveMoneyString.refine((value) => !isMoneyText(value) || new MoneyDecimal(value).lte(100), {
    message: 'must be at most 100',
  }),
  description: z.string().trim().max(200).optional(),
});
export const AmountDiscount = z.strictObject({
  kind: z.literal('amount'),
  amount: PositiveMoneyString,
  description: z.string().trim().max(200).optional(),
});
export const InvoiceDiscount = z.discriminatedUnion('kind', [PercentDiscount, AmountDiscount]);
export type InvoiceDiscount = z.infer<typeof InvoiceDiscount>;

/**
 * How an issued invoice is paid: `automatic` charges the customer's default
 * payment method at issue and retries on the collection schedule
 * (docs/collection.md); `manual` waits for the customer to pay.
 */
export const InvoiceCollection = z.enum(['automatic', 'manual']);
export type InvoiceCollection = z.infer<typeof InvoiceCollection>;

/** Why an automatic charge failed: a gateway failure code, or `no_payment_method`. */
export const CollectionErrorCode = z.string().min(1).max(50);

export const InvoiceStatus = z.enum(['draft', 'open', 'partially_paid', 'paid', 'overdue', 'void', 'uncollectible']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

/** Why the billing processor refused a command. Stable codes: clients switch on them. */
export const BillingRejectionReason = z.enum([
  'account_not_found',
  'account_not_active',
  'currency_mismatch',
  'product_not_found',
  'product_inactive',
  'invoice_not_found',
  'invoice_exists',
  'invalid_transition',
  'amount_exceeds_due',
  'total_negative',
  /** A line, a tax or a total would leave the money range: 15 integer digits. */
  'amount_out_of_range',
]);
export type BillingRejectionReason = z.infer<typeof BillingRejectionReason>;

export const CreateInvoiceData = z.object({
  invoiceId: z.uuid(),
  organizationId: z.uuid(),
  accountId: z.uuid(),
  currency: Currency,
  priceMode: PriceMode,
  lines: z.array(InvoiceLineInput).min(1).max(INVOICE_LINES_MAX),
  discounts: z.array(InvoiceDiscount).max(INVOICE_DISCOUNTS_MAX),
  /** A draft waits for IssueInvoice; otherwise the invoice is issued at once. */
  draft: z.boolean(),
  /** Absent means `manual` (commands written before automatic collection existed). */
  collection: InvoiceCollection.optional(),
  /** The subscription a renewal or proration invoice bills; its dunning policy may pause or cancel it. */
  subscriptionId: z.uuid().optional(),
  memo: z.string().max(1000).optional(),
  requestedBy: z.string().max(100).optional(),
  requestedAt: Timestamp,
});
export type CreateInvoiceData = z.infer<typeof CreateInvoiceData>;

const InvoiceRef = { invoiceId: z.uuid(), organizationId: z.uuid(), requestedAt: Timestamp };

/** billing-commands, key organizationId: one sequencer per organization keeps numbering gapless. */
export const CreateInvoice = envelope('CreateInvoice', 1, CreateInvoiceData);
export const IssueInvoice = envelope('IssueInvoice', 1, z.object(InvoiceRef));
export const VoidInvoice = envelope('VoidInvoice', 1, z.object({ ...InvoiceRef, reason: z.string().max(500) }));
export const MarkInvoiceUncollectible = envelope('MarkInvoiceUncollectible', 1, z.object(InvoiceRef));
export const IssueCreditNote = envelope(
  'IssueCreditNote',
  1,
  z.object({ ...InvoiceRef, creditNoteId: z.uuid(), amount: PositiveMoneyString, reason: z.string().max(500) }),
);
/** A payment (or a manual record of one) applied to an invoice; a negative amount is a refund. */
export const ApplyInvoicePayment = envelope(
  'ApplyInvoicePayment',
  1,
  z.object({ ...InvoiceRef, paymentId: z.uuid(), amount: MoneyString, method: z.string().max(50) }),
);
/**
 * A charge of the invoice failed at the gateway (sent by the payments
 * processor for every failed payment of an invoice). Billing schedules the
 * next collection attempt when it is the charge it made.
 */
export const RecordInvoicePaymentFailure = envelope(
  'RecordInvoicePaymentFailure',
  1,
  z.object({ ...InvoiceRef, paymentId: z.uuid(), code: CollectionErrorCode, message: z.string().max(500) }),
);
/** A test clock moved: the organization's invoices are judged against `nowAt` instead of the wall clock. */
export const TestClockAdvanced = envelope(
  'TestClockAdvanced',
  1,
  z.object({ organizationId: z.uuid(), nowAt: Timestamp, requestedAt: Timestamp }),
);

export type CreateInvoice = z.infer<typeof CreateInvoice>;
export type IssueInvoice = z.infer<typeof IssueInvoice>;
export type VoidInvoice = z.infer<typeof VoidInvoice>;
export type MarkInvoiceUncollectible = z.infer<typeof MarkInvoiceUncollectible>;
export type IssueCreditNote = z.infer<typeof IssueCreditNote>;
export type ApplyInvoicePayment = z.infer<typeof ApplyInvoicePayment>;
export type TestClockAdvanced = z.infer<typeof TestClockAdvanced>;
export type RecordInvoicePaymentFailure = z.infer<typeof RecordInvoicePaymentFailure>;

export const BillingCommand = z.discriminatedUnion('type', [
  CreateInvoice,
  IssueInvoice,
  VoidInvoice,
  MarkInvoiceUncollectible,
  IssueCreditNote,
  ApplyInvoicePayment,
  RecordInvoicePaymentFailure,
  TestClockAdvanced,
]);
export type BillingCommand = z.infer<typeof BillingCommand>;

export const InvoiceLineSnapshot = z.object({
  position: z.number().int().min(1),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: MoneyString,
  unitPrice: MoneyString,
  taxCategory: TaxCategory,
  taxRate: TaxRateString,
  subtotal: MoneyString,
  discount: MoneyString,
  taxAmount: MoneyString,
  total: MoneyString,
});
export type InvoiceLineSnapshot = z.infer<typeof InvoiceLineSnapshot>;

export const InvoiceSnapshot = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  accountId: z.uuid(),
  invoiceNumber: z.string().nullable(),
  currency: Currency,
  priceMode: PriceMode,
  status: InvoiceStatus,
  subtotal: MoneyString,
  discount: MoneyString,
  tax: MoneyString,
  total: MoneyString,
  credited: MoneyString,
  paid: MoneyString,
  due: MoneyString,
  issueDate: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
  memo: z.string().nullable(),
  /** Defaults keep snapshots stored before automatic collection readable. */
  collection: InvoiceCollection.default('manual'),
  /** Automatic charges made so far (the first at issue, then one per retry). */
  paymentAttempts: z.number().int().min(0).default(0),
  /** When the next automatic charge is due; null when none is scheduled. */
  nextPaymentAttemptAt: Timestamp.nullable().default(null),
  /** The failure code of the latest automatic charge, null after a success or before any attempt. */
  lastPaymentError: CollectionErrorCode.nullable().default(null),
  version: z.number().int().min(1),
  updatedAt: Timestamp,
});
export type InvoiceSnapshot = z.infer<typeof InvoiceSnapshot>;

const Outcome = { invoice: InvoiceSnapshot };
/** billing-events, key accountId. */
export const InvoiceDrafted = envelope('InvoiceDrafted', 1, z.object(Outcome));
export const InvoiceIssued = envelope('InvoiceIssued', 1, z.object(Outcome));
export const InvoicePaid = envelope(
  'InvoicePaid',
  1,
  z.object({ ...Outcome, paymentId: z.uuid(), amount: MoneyString }),
);
export const InvoicePartiallyPaid = envelope(
  'InvoicePartiallyPaid',
  1,
  z.object({ ...Outcome, paymentId: z.uuid(), amount: MoneyString }),
);
export const InvoiceOverdue = envelope('InvoiceOverdue', 1, z.object(Outcome));
export const InvoiceVoided = envelope('InvoiceVoided', 1, z.object({ ...Outcome, reason: z.string() }));
export const InvoiceUncollectible = envelope('InvoiceUncollectible', 1, z.object(Outcome));
/** An automatic charge failed; `nextAttemptAt` is null after the last retry. */
export const InvoicePaymentFailed = envelope(
  'InvoicePaymentFailed',
  1,
  z.object({
    ...Outcome,
    paymentId: z.uuid().nullable(),
    attempt: z.number().int().min(1),
    code: CollectionErrorCode,
    message: z.string().max(500),
    nextAttemptAt: Timestamp.nullable(),
  }),
);
/** Every retry failed: the dunning policy was applied (the invoice event reflects the invoice action). */
export const InvoiceCollectionFailed = envelope(
  'InvoiceCollectionFailed',
  1,
  z.object({
    ...Outcome,
    attempts: z.number().int().min(1),
    invoiceAction: CollectionInvoiceAction,
    subscriptionAction: CollectionSubscriptionAction,
    /** The subscription the action was sent to; null for an invoice without one (then nothing is sent). */
    subscriptionId: z.uuid().nullable(),
  }),
);
/** A dunning reminder is due (configuration `dunning_offsets_days`); its id is stable across replays. */
export const InvoiceReminderDue = envelope(
  'InvoiceReminderDue',
  1,
  z.object({ ...Outcome, reminderId: z.uuid(), offsetDays: z.number().int() }),
);
export const CreditNoteIssued = envelope(
  'CreditNoteIssued',
  1,
  z.object({ ...Outcome, creditNoteId: z.uuid(), amount: MoneyString, reason: z.string() }),
);
/** A command the processor refused; the web app shows the reason where the command was made. */
export const BillingCommandRejected = envelope(
  'BillingCommandRejected',
  1,
  z.object({
    invoiceId: z.uuid(),
    organizationId: z.uuid(),
    command: z.string(),
    reason: BillingRejectionReason,
    detail: z.string().max(500),
  }),
);

export const BillingEvent = z.discriminatedUnion('type', [
  InvoiceDrafted,
  InvoiceIssued,
  InvoicePaid,
  InvoicePartiallyPaid,
  InvoiceOverdue,
  InvoiceVoided,
  InvoiceUncollectible,
  InvoicePaymentFailed,
  InvoiceCollectionFailed,
  InvoiceReminderDue,
  CreditNoteIssued,
  BillingCommandRejected,
]);
export type BillingEvent = z.infer<typeof BillingEvent>;
