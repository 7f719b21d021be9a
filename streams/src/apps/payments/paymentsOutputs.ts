import crypto from 'node:crypto';
import {
  ApplyInvoicePayment,
  type GatewayRequest,
  PaymentEvent,
  type PaymentSnapshot,
  RecordInvoicePaymentFailure,
  type RefundSnapshot,
  TransactionRequested,
} from '@billstream/contracts';
import type { AttemptRow, InvoiceEffect, InvoiceFailureEffect, LedgerEffect } from '@billstream/payments';
import { z } from 'zod';

const SOURCE = 'streams.payments';

/** A payment's timeline entry as the `payments_history` view writes it. */
export const HistoryRow = z.strictObject({
  paymentId: z.uuid(),
  version: z.number().int().min(1),
  organizationId: z.uuid(),
  status: z.string(),
  detail: z.string().nullable(),
  occurredAt: z.string(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

/** A refused command, kept in Redis where the web app shows its reason. */
export const RejectionRow = z.strictObject({
  subjectId: z.uuid(),
  command: z.string(),
  reason: z.string(),
  detail: z.string(),
  at: z.string(),
});
export type RejectionRow = z.infer<typeof RejectionRow>;

export type PaymentsOutput =
  | { readonly kind: 'event'; readonly event: PaymentEvent }
  | { readonly kind: 'gateway'; readonly request: GatewayRequest }
  | { readonly kind: 'ledger'; readonly command: TransactionRequested }
  | { readonly kind: 'invoice'; readonly command: ApplyInvoicePayment | RecordInvoicePaymentFailure }
  | { readonly kind: 'payment'; readonly row: PaymentSnapshot }
  | { readonly kind: 'refund'; readonly row: RefundSnapshot }
  | { readonly kind: 'history'; readonly row: HistoryRow }
  | { readonly kind: 'attempt'; readonly row: AttemptRow }
  | { readonly kind: 'rejection'; readonly row: RejectionRow };

/** A stable UUID (v4 layout) from a name: a replay after a crash emits the same ids, so consumers dedupe. */
export function stableUuid(name: string): string {
  const hex = crypto.createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function meta(name: string, atIso: string) {
  return { eventId: stableUuid(name), occurredAt: atIso, source: SOURCE, version: 1 as const };
}

/** payment-events envelopes, validated here so a bad event is a bug at its source. */
export function paymentEvent(type: PaymentEvent['type'], name: string, atIso: string, data: unknown): PaymentEvent {
  return PaymentEvent.parse({ ...meta(`${type}:${name}`, atIso), type, data });
}

/** The ledger's contract: the payment (or refund) id is the transaction id, so the ledger applies it once. */
export function ledgerCommand(effect: LedgerEffect, organizationId: string, atIso: string): TransactionRequested {
  return TransactionRequested.parse({
    ...meta(`ledger:${effect.transactionId}`, atIso),
    type: 'TransactionRequested',
    data: {
      transactionId: effect.transactionId,
      accountId: effect.accountId,
      type: effect.type,
      amount: effect.amount,
      currency: effect.currency,
      description: effect.description,
      reference: effect.reference,
      requestedBy: `payments:${organizationId}`.slice(0, 100),
    },
  });
}

/** Billing's contract: positive for a payment, negative for a refund; billing dedups by paymentId. */
export function invoiceCommand(effect: InvoiceEffect, atIso: string): ApplyInvoicePayment {
  return ApplyInvoicePayment.parse({
    ...meta(`invoice:${effect.paymentId}`, atIso),
    type: 'ApplyInvoicePayment',
    data: {
      invoiceId: effect.invoiceId,
      organizationId: effect.organizationId,
      requestedAt: atIso,
      paymentId: effect.paymentId,
      amount: effect.amount,
      method: effect.method,
    },
  });
}

/** Billing's contract for a failed payment of an invoice: one command per payment id (a replay repeats the same). */
export function invoiceFailureCommand(effect: InvoiceFailureEffect, atIso: string): RecordInvoicePaymentFailure {
  return RecordInvoicePaymentFailure.parse({
    ...meta(`invoice-failure:${effect.paymentId}`, atIso),
    type: 'RecordInvoicePaymentFailure',
    data: {
      invoiceId: effect.invoiceId,
      organizationId: effect.organizationId,
      requestedAt: atIso,
      paymentId: effect.paymentId,
      code: effect.code,
      message: effect.message.slice(0, 500),
    },
  });
}
