import { z } from 'zod';
import {
  INVOICE_DISCOUNTS_MAX,
  INVOICE_LINES_MAX,
  InvoiceCollection,
  InvoiceDiscount,
  InvoiceLineInput,
  InvoiceStatus,
  IsoDate,
  PriceMode,
} from '../events/billing.ts';
import { CommandFailureProblem } from '../events/commandFailure.ts';
import { TaxCategory } from '../events/masterData.ts';
import { Currency, PositiveMoneyString } from '../money.ts';
import { SearchText } from './lists.ts';

/** Page size of GET /api/v1/invoices when the client names none, and the most one page may hold. */
export const INVOICE_PAGE_SIZE_DEFAULT = 20;
export const INVOICE_PAGE_SIZE_MAX = 100;
/** Deepest page a client may ask for (offset paging: deeper pages are slow and never browsed by hand). */
export const INVOICE_PAGE_MAX = 10_000;
/** Most days one test-clock advance may move (ten years). */
export const TEST_CLOCK_ADVANCE_DAYS_MAX = 3650;
/** Most active products the invoice form's catalog lists. */
export const INVOICE_CATALOG_PRODUCTS_MAX = 500;

/** Body of POST /api/v1/invoices. The currency defaults to the account's; an invoice is issued at once unless `draft`. */
export const CreateInvoiceBody = z.strictObject({
  accountId: z.uuid({ error: 'must be a UUID' }),
  currency: Currency.optional(),
  priceMode: PriceMode.default('tax_exclusive'),
  lines: z
    .array(InvoiceLineInput, { error: 'must be a list of lines' })
    .min(1, 'must have at least one line')
    .max(INVOICE_LINES_MAX, `must have at most ${INVOICE_LINES_MAX} lines`),
  discounts: z
    .array(InvoiceDiscount)
    .max(INVOICE_DISCOUNTS_MAX, `must have at most ${INVOICE_DISCOUNTS_MAX} discounts`)
    .default([]),
  draft: z.boolean().default(false),
  /** `automatic` charges the account's default payment method at issue and retries (docs/collection.md). */
  collection: InvoiceCollection.default('manual'),
  memo: z.string().trim().max(1000).optional(),
});
export type CreateInvoiceBody = z.infer<typeof CreateInvoiceBody>;
export type CreateInvoiceInput = z.input<typeof CreateInvoiceBody>;

/** Body of POST /api/v1/invoices/:id/void. */
export const VoidInvoiceBody = z.strictObject({
  reason: z.string({ error: 'is required' }).trim().min(1, 'is required').max(500),
});
export type VoidInvoiceBody = z.infer<typeof VoidInvoiceBody>;

/** Body of POST /api/v1/invoices/:id/credit-notes: credits part or all of the invoice. */
export const CreateCreditNoteBody = z.strictObject({
  amount: PositiveMoneyString,
  reason: z.string({ error: 'is required' }).trim().min(1, 'is required').max(500),
});
export type CreateCreditNoteBody = z.infer<typeof CreateCreditNoteBody>;

/** Body of POST /api/v1/invoices/:id/payments: a payment received outside Billstream, recorded by hand. */
export const RecordInvoicePaymentBody = z.strictObject({
  amount: PositiveMoneyString,
});
export type RecordInvoicePaymentBody = z.infer<typeof RecordInvoicePaymentBody>;

/** Body of POST /api/v1/invoices/:id/issue and /uncollectible: nothing (an empty object is accepted). */
export const EmptyCommandBody = z.strictObject({}).optional();

/** Body of POST /api/v1/test-clock/advance: a new instant, or a number of days forward. */
export const AdvanceTestClockBody = z.union([
  z.strictObject({ nowAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp' }) }),
  z.strictObject({
    days: z
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1')
      .max(TEST_CLOCK_ADVANCE_DAYS_MAX, `must be at most ${TEST_CLOCK_ADVANCE_DAYS_MAX}`),
  }),
]);
export type AdvanceTestClockBody = z.infer<typeof AdvanceTestClockBody>;

/** Sort keys of GET /api/v1/invoices; a leading "-" sorts descending. */
export const INVOICE_SORT_FIELDS = ['issueDate', 'dueDate', 'number', 'total', 'createdAt'] as const;
export const InvoiceSort = z.enum(
  INVOICE_SORT_FIELDS.flatMap((field) => [field, `-${field}`]) as [string, ...string[]],
  {
    error: () => `must be one of ${INVOICE_SORT_FIELDS.join(', ')} (a leading "-" sorts descending)`,
  },
);

/** Query of GET /api/v1/invoices: filters, offset paging and a sort. */
export const InvoiceListQuery = z
  .strictObject({
    status: InvoiceStatus.optional(),
    accountId: z.uuid({ error: 'must be a UUID' }).optional(),
    /** Issue dates from/to, inclusive. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** Part of the invoice number (the list's search box, as on every list). */
    q: SearchText,
    /** The older name of `q`, still accepted; `q` wins when both are sent. */
    search: z.string().trim().max(50).optional(),
    page: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(INVOICE_PAGE_MAX, `must be at most ${INVOICE_PAGE_MAX}`)
      .default(1),
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(INVOICE_PAGE_SIZE_MAX, `must be at most ${INVOICE_PAGE_SIZE_MAX}`)
      .default(INVOICE_PAGE_SIZE_DEFAULT),
    sort: InvoiceSort.default('-createdAt'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'must not be before from',
    path: ['to'],
  });
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;

/**
 * An invoice's status, plus three the API adds: "pending" (accepted, the billing
 * processor has not written it yet), "rejected" (the processor refused
 * its CreateInvoice, so it never existed; `rejection` says why) and "failed"
 * (no attempt could process it; `failure` says why).
 */
export const InvoiceResourceStatus = z.union([
  InvoiceStatus,
  z.literal('pending'),
  z.literal('rejected'),
  z.literal('failed'),
]);
export type InvoiceResourceStatus = z.infer<typeof InvoiceResourceStatus>;

export const InvoiceResource = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountNumber: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  currency: Currency,
  priceMode: PriceMode,
  status: InvoiceResourceStatus,
  subtotal: z.string(),
  discount: z.string(),
  tax: z.string(),
  total: z.string(),
  credited: z.string(),
  paid: z.string(),
  due: z.string(),
  issueDate: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
  memo: z.string().nullable(),
  /** How it is paid, and the state of automatic charges (docs/collection.md). */
  collection: InvoiceCollection,
  paymentAttempts: z.number().int().min(0),
  nextPaymentAttemptAt: z.string().nullable(),
  lastPaymentError: z.string().nullable(),
  /** Grows with every change the processor applies: clients poll until it moves. */
  version: z.number().int().min(0),
  voidedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  links: z.object({ self: z.string(), account: z.string(), document: z.string(), pdf: z.string() }),
});
export type InvoiceResource = z.infer<typeof InvoiceResource>;

export const InvoiceLineResource = z.object({
  position: z.number().int().min(1),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  taxCategory: z.string(),
  taxRate: z.string(),
  subtotal: z.string(),
  discount: z.string(),
  taxAmount: z.string(),
  total: z.string(),
});
export type InvoiceLineResource = z.infer<typeof InvoiceLineResource>;

/** One step of an invoice's status timeline. */
export const InvoiceHistoryEntry = z.object({
  version: z.number().int(),
  status: InvoiceStatus,
  eventType: z.string(),
  amount: z.string().nullable(),
  detail: z.string().nullable(),
  occurredAt: z.string(),
});
export type InvoiceHistoryEntry = z.infer<typeof InvoiceHistoryEntry>;

/** The last command the billing processor refused for an invoice (BillingCommandRejected). */
export const InvoiceRejection = z.object({
  command: z.string(),
  reason: z.string(),
  detail: z.string(),
  at: z.string(),
});
export type InvoiceRejection = z.infer<typeof InvoiceRejection>;

export const InvoiceDetailResource = InvoiceResource.extend({
  lines: z.array(InvoiceLineResource),
  history: z.array(InvoiceHistoryEntry),
  rejection: InvoiceRejection.nullable(),
  failure: CommandFailureProblem.optional(),
});
export type InvoiceDetailResource = z.infer<typeof InvoiceDetailResource>;

/** A page of GET /api/v1/invoices. */
export const InvoicePage = z.object({
  data: z.array(InvoiceResource),
  page: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() }),
  links: z.object({ self: z.string(), next: z.string().nullable(), prev: z.string().nullable() }),
});
export type InvoicePage = z.infer<typeof InvoicePage>;

/** Answer (202) of every invoice command: the command is on the log, not yet applied. */
export const InvoiceCommandAccepted = z.object({
  invoiceId: z.uuid(),
  commandId: z.uuid(),
  command: z.string(),
  status: z.literal('pending'),
  links: z.object({ self: z.string(), invoice: z.string() }),
});
export type InvoiceCommandAccepted = z.infer<typeof InvoiceCommandAccepted>;

/** What the invoice form needs to pick products and preview totals. */
export const InvoiceCatalog = z.object({
  defaultCurrency: Currency,
  taxRates: z.record(TaxCategory, z.string()),
  products: z.array(
    z.object({
      id: z.uuid(),
      sku: z.string(),
      name: z.string(),
      unitPrice: z.string(),
      currency: Currency,
      taxCategory: TaxCategory,
    }),
  ),
});
export type InvoiceCatalog = z.infer<typeof InvoiceCatalog>;

export const TestClockResource = z.object({
  /** The organization's frozen "now", or null while it follows the wall clock. */
  nowAt: z.string().nullable(),
  wallClockAt: z.string(),
});
export type TestClockResource = z.infer<typeof TestClockResource>;

export const TestClockAccepted = z.object({
  nowAt: z.string(),
  status: z.literal('pending'),
  links: z.object({ self: z.string() }),
});
export type TestClockAccepted = z.infer<typeof TestClockAccepted>;
