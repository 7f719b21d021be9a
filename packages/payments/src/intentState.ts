import {
  GatewayName,
  GatewayOperation,
  GatewayOutcome,
  type GatewayRequest,
  MoneyString,
  PaymentFailureCode,
  PaymentMethodType,
  type PaymentRejectionReason,
  PaymentSnapshot,
  RefundSnapshot,
} from '@billstream/contracts';
import { z } from 'zod';

/** Most refunds one payment may carry. */
export const PAYMENT_REFUNDS_MAX = 50;

export const RefundEntry = z.strictObject({ refund: RefundSnapshot, requestId: z.string() });
export type RefundEntry = z.infer<typeof RefundEntry>;

/** What the payments processor keeps per payment (changelogged store, keyed by payment id). */
export const PaymentState = z.strictObject({
  payment: PaymentSnapshot,
  methodType: PaymentMethodType.nullable(),
  methodToken: z.string().nullable(),
  /** Gateways chosen by routing at confirmation, tried in order. */
  route: z.array(GatewayName),
  routeIndex: z.number().int().min(0),
  /** Gateway requests made so far; numbers the next attempt. */
  attempts: z.number().int().min(0),
  /** The request whose answer the intent waits for; other answers are stale. */
  pendingRequestId: z.string().nullable(),
  /** The amount a pending capture asked for. */
  pendingAmount: MoneyString.nullable(),
  gatewayReference: z.string().nullable(),
  refunds: z.array(RefundEntry).max(PAYMENT_REFUNDS_MAX),
});
export type PaymentState = z.infer<typeof PaymentState>;

/** One gateway call as the success-rate view counts it. */
export const AttemptRow = z.strictObject({
  requestId: z.string(),
  paymentId: z.uuid(),
  organizationId: z.uuid(),
  gateway: GatewayName,
  operation: GatewayOperation,
  outcome: GatewayOutcome,
  code: PaymentFailureCode.nullable(),
  occurredAt: z.string(),
});
export type AttemptRow = z.infer<typeof AttemptRow>;

export interface LedgerEffect {
  readonly kind: 'ledger';
  readonly transactionId: string;
  readonly accountId: string;
  readonly type: 'credit' | 'debit';
  readonly amount: string;
  readonly currency: PaymentSnapshot['currency'];
  readonly description: string;
  readonly reference: string;
}

export interface InvoiceEffect {
  readonly kind: 'invoice';
  readonly invoiceId: string;
  readonly organizationId: string;
  /** The payment id, or the refund id for a refund: billing deduplicates by it. */
  readonly paymentId: string;
  /** Positive for a payment, negative for a refund. */
  readonly amount: string;
  readonly method: string;
}

/** A payment of an invoice failed: billing records it (and retries an automatic charge). */
export interface InvoiceFailureEffect {
  readonly kind: 'invoiceFailure';
  readonly invoiceId: string;
  readonly organizationId: string;
  readonly paymentId: string;
  readonly code: string;
  readonly message: string;
}

export type PaymentEffect =
  | {
      readonly kind: 'payment';
      readonly payment: PaymentSnapshot;
      readonly previousStatus: PaymentSnapshot['status'] | null;
      readonly detail: string | null;
    }
  | { readonly kind: 'refund'; readonly refund: RefundSnapshot }
  | { readonly kind: 'gateway'; readonly request: GatewayRequest }
  | { readonly kind: 'attempt'; readonly row: AttemptRow }
  | LedgerEffect
  | InvoiceEffect
  | InvoiceFailureEffect
  | {
      readonly kind: 'rejected';
      readonly paymentId: string;
      readonly refundId: string | null;
      readonly organizationId: string;
      readonly command: string;
      readonly reason: PaymentRejectionReason;
      readonly detail: string;
    };

export interface Decision {
  /** The new state; null leaves the store as it was. */
  readonly state: PaymentState | null;
  readonly effects: PaymentEffect[];
}
