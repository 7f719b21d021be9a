import {
  Currency,
  type CurrencyCode,
  formatMoney,
  InvoiceCollection,
  type InvoiceDetailResource,
  type InvoiceHistoryEntry,
  type InvoiceLineResource,
  type InvoiceResource,
  InvoiceStatus,
  PriceMode,
} from '@billstream/contracts';

/** The invoices view columns a resource is made of (a Prisma Invoice with its account fits). */
export interface InvoiceRecord {
  id: string;
  accountId: string;
  invoiceNumber: string | null;
  currency: string;
  priceMode: string;
  status: string;
  subtotalAmount: unknown;
  discountAmount: unknown;
  taxAmount: unknown;
  totalAmount: unknown;
  creditedAmount: unknown;
  amountPaid: unknown;
  amountDue: unknown;
  issueDate: Date | null;
  dueDate: Date | null;
  memo: string | null;
  collection: string;
  paymentTries: number;
  nextTryAt: Date | null;
  paymentError: string | null;
  version: number;
  voidedAt: Date | null;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  account?: { accountNumber: string } | null;
}

export interface InvoiceLineRecord {
  position: number;
  productId: string | null;
  description: string;
  quantity: unknown;
  unitPrice: unknown;
  taxCategory: string;
  taxRate: unknown;
  subtotal: unknown;
  discountAmount: unknown;
  taxAmount: unknown;
  total: unknown;
}

export interface InvoiceHistoryRecord {
  version: number;
  status: string;
  eventType: string;
  amount: unknown;
  detail: string | null;
  occurredAt: Date;
}

/** What Redis remembers about an accepted CreateInvoice until the view has the row. */
export interface PendingInvoice {
  invoiceId: string;
  organizationId: string;
  accountId: string;
  currency: string;
  priceMode: string;
  memo: string | null;
  /** Absent on records written before automatic collection existed. */
  collection?: string;
  requestedAt: string;
}

// NUMERIC arrives as a Prisma Decimal (or a string from raw pg); String() is exact for both.
function money(value: unknown, currency: CurrencyCode): string {
  return formatMoney(String(value ?? '0'), currency);
}

/** A DATE column as "2026-11-25" (Prisma gives midnight UTC). */
export function isoDate(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

/** A decimal with its trailing zeros dropped: quantity 2.0000 → "2", rate 0.200000 → "0.2". */
export function plainDecimal(value: unknown): string {
  const text = String(value ?? '0');
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function invoiceLinks(id: string, accountId: string) {
  const self = `/api/v1/invoices/${id}`;
  return { self, account: `/api/v1/accounts/${accountId}`, document: `${self}/document`, pdf: `${self}/pdf` };
}

export function toInvoiceResource(row: InvoiceRecord): InvoiceResource {
  const currency = Currency.parse(row.currency);
  return {
    id: row.id,
    accountId: row.accountId,
    accountNumber: row.account?.accountNumber ?? null,
    invoiceNumber: row.invoiceNumber,
    currency,
    priceMode: PriceMode.parse(row.priceMode),
    status: InvoiceStatus.parse(row.status),
    subtotal: money(row.subtotalAmount, currency),
    discount: money(row.discountAmount, currency),
    tax: money(row.taxAmount, currency),
    total: money(row.totalAmount, currency),
    credited: money(row.creditedAmount, currency),
    paid: money(row.amountPaid, currency),
    due: money(row.amountDue, currency),
    issueDate: isoDate(row.issueDate),
    dueDate: isoDate(row.dueDate),
    memo: row.memo,
    collection: InvoiceCollection.parse(row.collection),
    paymentAttempts: row.paymentTries,
    nextPaymentAttemptAt: row.nextTryAt?.toISOString() ?? null,
    lastPaymentError: row.paymentError,
    version: row.version,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    paidAt: row.paidAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    links: invoiceLinks(row.id, row.accountId),
  };
}

export function toInvoiceLineResource(line: InvoiceLineRecord, currency: CurrencyCode): InvoiceLineResource {
  return {
    position: line.position,
    productId: line.productId,
    description: line.description,
    quantity: plainDecimal(line.quantity),
    unitPrice: plainDecimal(line.unitPrice),
    taxCategory: line.taxCategory,
    taxRate: plainDecimal(line.taxRate),
    subtotal: money(line.subtotal, currency),
    discount: money(line.discountAmount, currency),
    taxAmount: money(line.taxAmount, currency),
    total: money(line.total, currency),
  };
}

export function toHistoryEntry(entry: InvoiceHistoryRecord, currency: CurrencyCode): InvoiceHistoryEntry {
  return {
    version: entry.version,
    status: InvoiceStatus.parse(entry.status),
    eventType: entry.eventType,
    amount: entry.amount === null || entry.amount === undefined ? null : money(entry.amount, currency),
    detail: entry.detail,
    occurredAt: entry.occurredAt.toISOString(),
  };
}

/** An accepted invoice the processor has not written yet: no figures, status "pending". */
export function pendingInvoiceResource(pending: PendingInvoice): InvoiceDetailResource {
  const currency = Currency.parse(pending.currency);
  const zero = money(0, currency);
  return {
    id: pending.invoiceId,
    accountId: pending.accountId,
    accountNumber: null,
    invoiceNumber: null,
    currency,
    priceMode: PriceMode.parse(pending.priceMode),
    status: 'pending',
    subtotal: zero,
    discount: zero,
    tax: zero,
    total: zero,
    credited: zero,
    paid: zero,
    due: zero,
    issueDate: null,
    dueDate: null,
    memo: pending.memo,
    collection: InvoiceCollection.parse(pending.collection ?? 'manual'),
    paymentAttempts: 0,
    nextPaymentAttemptAt: null,
    lastPaymentError: null,
    version: 0,
    voidedAt: null,
    paidAt: null,
    createdAt: pending.requestedAt,
    updatedAt: pending.requestedAt,
    links: invoiceLinks(pending.invoiceId, pending.accountId),
    lines: [],
    history: [],
    rejection: null,
  };
}
