import crypto from 'node:crypto';
import {
  BillingEvent,
  formatMoney,
  type InvoiceSnapshot,
  MoneyDecimal,
  PaymentCommand,
  SubscriptionCommand,
  TransactionRequested,
} from '@billstream/contracts';
import type { ClockRow, HistoryRow, InvoiceLinesRow, RejectionRow, ReminderRow } from './billingState.ts';

export type BillingOutput =
  | { readonly kind: 'event'; readonly key: string; readonly event: BillingEvent }
  | { readonly kind: 'invoice'; readonly row: InvoiceSnapshot }
  | { readonly kind: 'lines'; readonly row: InvoiceLinesRow }
  | { readonly kind: 'history'; readonly row: HistoryRow }
  | { readonly kind: 'clock'; readonly row: ClockRow }
  | { readonly kind: 'reminder'; readonly row: ReminderRow }
  | { readonly kind: 'rejection'; readonly row: RejectionRow }
  | { readonly kind: 'payment'; readonly key: string; readonly command: PaymentCommand }
  | { readonly kind: 'ledger'; readonly key: string; readonly command: TransactionRequested }
  | { readonly kind: 'subscription'; readonly key: string; readonly command: SubscriptionCommand };

/** Commands billing sends to other processors carry an id derived from `name`, so a replay is deduplicated. */
function commandMeta(name: string, atIso: string) {
  return { eventId: stableUuid(name), occurredAt: atIso, source: 'billing', version: 1 as const };
}

export function paymentCommand(name: string, type: PaymentCommand['type'], data: object, atIso: string) {
  return PaymentCommand.parse({ ...commandMeta(name, atIso), type, data });
}

export function subscriptionCommand(name: string, type: SubscriptionCommand['type'], data: object, atIso: string) {
  return SubscriptionCommand.parse({ ...commandMeta(name, atIso), type, data });
}

/**
 * INVOICE_PAYMENT_LEDGER_RULE: a payment (positive) or refund (negative)
 * applied to an invoice is a ledger credit (debit) of the invoice's account,
 * with the payment or refund id as the transaction id, so the ledger applies
 * it once. The event id matches what the payments processor used for the
 * same transaction, so either would be deduplicated.
 */
export function ledgerCommand(
  invoice: Pick<InvoiceSnapshot, 'id' | 'accountId' | 'currency' | 'organizationId' | 'invoiceNumber'>,
  payment: { paymentId: string; amount: string; method: string },
  atIso: string,
): TransactionRequested | null {
  const value = new MoneyDecimal(payment.amount);
  // Nothing moved (a zero record): there is nothing to post.
  if (value.isZero()) return null;
  const negative = value.isNegative();
  const amount = formatMoney(value.abs(), invoice.currency);
  const label = invoice.invoiceNumber ?? invoice.id;
  return TransactionRequested.parse({
    ...commandMeta(`ledger:${payment.paymentId}`, atIso),
    type: 'TransactionRequested',
    data: {
      transactionId: payment.paymentId,
      accountId: invoice.accountId,
      type: negative ? 'debit' : 'credit',
      amount,
      currency: invoice.currency,
      description: `${negative ? 'Refund' : 'Payment'} (${payment.method}) of invoice ${label}`.slice(0, 500),
      reference: invoice.id,
      requestedBy: `billing:${invoice.organizationId}`.slice(0, 100),
    },
  });
}

type EventOf<T extends BillingEvent['type']> = Extract<BillingEvent, { type: T }>;

/** A billing-events envelope, validated here so a bad event is a bug at its source. */
export function billingEvent<T extends BillingEvent['type']>(type: T, data: EventOf<T>['data']): EventOf<T> {
  const event = {
    eventId: crypto.randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'billing',
    type,
    version: 1,
    data,
  };
  return BillingEvent.parse(event) as EventOf<T>;
}

export function historyRow(
  invoice: InvoiceSnapshot,
  eventType: string,
  extra: { amount?: string; detail?: string },
): HistoryRow {
  return {
    invoiceId: invoice.id,
    organizationId: invoice.organizationId,
    version: invoice.version,
    status: invoice.status,
    eventType,
    amount: extra.amount ?? null,
    detail: extra.detail ?? null,
    occurredAt: invoice.updatedAt,
  };
}

/** A stable UUID (v4 layout) from a name, so a replayed reminder gets the same id and is written once. */
export function stableUuid(name: string): string {
  const hex = crypto.createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
