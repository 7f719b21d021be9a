import { z } from 'zod';
import { Currency, fitsMinorUnits, MoneyString, PositiveMoneyString } from '../money.ts';
import { envelope } from './envelope.ts';

const Timestamp = z.iso.datetime({ offset: true });

/** The payment intent state machine (see docs/payments.md). */
export const PaymentIntentStatus = z.enum([
  'requires_payment_method',
  'requires_confirmation',
  'processing',
  'requires_action',
  'requires_capture',
  'succeeded',
  'failed',
  'canceled',
]);
export type PaymentIntentStatus = z.infer<typeof PaymentIntentStatus>;

export const RefundStatus = z.enum(['pending', 'succeeded', 'failed']);
export type RefundStatus = z.infer<typeof RefundStatus>;

export const PaymentMethodType = z.enum(['card', 'bank_transfer']);
export type PaymentMethodType = z.infer<typeof PaymentMethodType>;

/** The sandbox gateways that run inside Billstream (packages/payments). */
export const GatewayName = z.enum(['card', 'card_backup', 'bank']);
export type GatewayName = z.infer<typeof GatewayName>;

export const CaptureMethod = z.enum(['automatic', 'manual']);
export type CaptureMethod = z.infer<typeof CaptureMethod>;

export const GatewayOperation = z.enum(['authorize', 'capture', 'void', 'refund']);
export type GatewayOperation = z.infer<typeof GatewayOperation>;

/** Why a payment or refund failed, or why a command was refused. Stable codes: clients switch on them. */
export const PaymentFailureCode = z.enum([
  'card_declined',
  'insufficient_funds',
  'authentication_failed',
  'network_timeout',
  'transfer_failed',
  'gateway_error',
  'no_gateway',
]);
export type PaymentFailureCode = z.infer<typeof PaymentFailureCode>;

export const PaymentRejectionReason = z.enum([
  'payment_exists',
  'payment_not_found',
  'invalid_transition',
  'amount_exceeds_authorized',
  'amount_exceeds_refundable',
  'currency_mismatch',
  'payment_method_required',
]);
export type PaymentRejectionReason = z.infer<typeof PaymentRejectionReason>;

/** A stored payment method as commands carry it: a gateway token, never a card number. */
export const PaymentMethodRef = z.object({
  id: z.uuid(),
  type: PaymentMethodType,
  token: z.string().min(1).max(255),
  brand: z.string().max(30).nullable(),
  last4: z
    .string()
    .regex(/^\d{4}$/)
    .nullable(),
});
export type PaymentMethodRef = z.infer<typeof PaymentMethodRef>;

const PaymentRef = { paymentId: z.uuid(), organizationId: z.uuid(), requestedAt: Timestamp };

export const CreatePaymentIntentData = z
  .object({
    ...PaymentRef,
    accountId: z.uuid(),
    invoiceId: z.uuid().nullable(),
    amount: PositiveMoneyString,
    currency: Currency,
    captureMethod: CaptureMethod,
    paymentMethod: PaymentMethodRef.nullable(),
    requestedBy: z.string().max(100).optional(),
  })
  .refine((data) => fitsMinorUnits(data.amount, data.currency), {
    message: 'has more decimal places than the currency allows',
    path: ['amount'],
  });

/** payment-commands, key paymentId. */
export const CreatePaymentIntent = envelope('CreatePaymentIntent', 1, CreatePaymentIntentData);
export const ConfirmPaymentIntent = envelope(
  'ConfirmPaymentIntent',
  1,
  z.object({ ...PaymentRef, paymentMethod: PaymentMethodRef.nullable() }),
);
/** The sandbox challenge (3-D Secure) answered by the payer. */
export const CompletePaymentAction = envelope(
  'CompletePaymentAction',
  1,
  z.object({ ...PaymentRef, passed: z.boolean() }),
);
/** Capture all (amount null) or part of an authorization; the rest is released. */
export const CapturePaymentIntent = envelope(
  'CapturePaymentIntent',
  1,
  z.object({ ...PaymentRef, amount: PositiveMoneyString.nullable() }),
);
export const CancelPaymentIntent = envelope(
  'CancelPaymentIntent',
  1,
  z.object({ ...PaymentRef, reason: z.string().max(500).nullable() }),
);
export const CreateRefund = envelope(
  'CreateRefund',
  1,
  z.object({ ...PaymentRef, refundId: z.uuid(), amount: PositiveMoneyString, reason: z.string().max(500).nullable() }),
);

export type CreatePaymentIntent = z.infer<typeof CreatePaymentIntent>;
export type ConfirmPaymentIntent = z.infer<typeof ConfirmPaymentIntent>;
export type CompletePaymentAction = z.infer<typeof CompletePaymentAction>;
export type CapturePaymentIntent = z.infer<typeof CapturePaymentIntent>;
export type CancelPaymentIntent = z.infer<typeof CancelPaymentIntent>;
export type CreateRefund = z.infer<typeof CreateRefund>;

export const PaymentCommand = z.discriminatedUnion('type', [
  CreatePaymentIntent,
  ConfirmPaymentIntent,
  CompletePaymentAction,
  CapturePaymentIntent,
  CancelPaymentIntent,
  CreateRefund,
]);
export type PaymentCommand = z.infer<typeof PaymentCommand>;

/**
 * payment-gateway-requests, key paymentId: what the payments processor asks a
 * gateway to do. The gateway worker performs it with `idempotencyKey`
 * (payment or refund id + operation + attempt) and answers on payment-events.
 */
export const GatewayRequest = z.object({
  requestId: z.string().min(1).max(120),
  idempotencyKey: z.string().min(1).max(120),
  paymentId: z.uuid(),
  refundId: z.uuid().nullable(),
  organizationId: z.uuid(),
  gateway: GatewayName,
  operation: GatewayOperation,
  attempt: z.number().int().min(1),
  amount: MoneyString,
  currency: Currency,
  paymentMethodToken: z.string().max(255),
  /** The gateway's reference of the authorization (capture, void, refund). */
  gatewayReference: z.string().max(120).nullable(),
  /** Set when the payer answered the sandbox challenge. */
  challengePassed: z.boolean().nullable(),
  requestedAt: Timestamp,
});
export type GatewayRequest = z.infer<typeof GatewayRequest>;

export const GatewayOutcome = z.enum(['succeeded', 'pending', 'requires_action', 'declined', 'error']);
export type GatewayOutcome = z.infer<typeof GatewayOutcome>;

/** payment-events: the answer of a gateway to one request. */
export const GatewayResultReceived = envelope(
  'GatewayResultReceived',
  1,
  z.object({
    requestId: z.string().min(1).max(120),
    paymentId: z.uuid(),
    refundId: z.uuid().nullable(),
    gateway: GatewayName,
    operation: GatewayOperation,
    attempt: z.number().int().min(1),
    outcome: GatewayOutcome,
    /** True when another gateway may be tried (timeouts, outages); never for a decline. */
    retryable: z.boolean(),
    code: PaymentFailureCode.nullable(),
    message: z.string().max(500).nullable(),
    gatewayReference: z.string().max(120).nullable(),
  }),
);
export type GatewayResultReceived = z.infer<typeof GatewayResultReceived>;

export const WebhookKind = z.enum(['transfer.settled', 'transfer.failed']);
export type WebhookKind = z.infer<typeof WebhookKind>;

/** payment-events: a verified, first-seen gateway webhook. */
export const GatewayWebhookReceived = envelope(
  'GatewayWebhookReceived',
  1,
  z.object({
    webhookEventId: z.string().min(1).max(120),
    gateway: GatewayName,
    kind: WebhookKind,
    paymentId: z.uuid(),
    gatewayReference: z.string().max(120),
    code: PaymentFailureCode.nullable(),
  }),
);
export type GatewayWebhookReceived = z.infer<typeof GatewayWebhookReceived>;

export const PaymentSnapshot = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  accountId: z.uuid(),
  invoiceId: z.uuid().nullable(),
  amount: MoneyString,
  amountCapturable: MoneyString,
  amountCaptured: MoneyString,
  amountRefunded: MoneyString,
  currency: Currency,
  status: PaymentIntentStatus,
  captureMethod: CaptureMethod,
  gateway: GatewayName.nullable(),
  paymentMethodId: z.uuid().nullable(),
  failureCode: PaymentFailureCode.nullable(),
  failureMessage: z.string().max(500).nullable(),
  version: z.number().int().min(1),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PaymentSnapshot = z.infer<typeof PaymentSnapshot>;

export const RefundSnapshot = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  organizationId: z.uuid(),
  amount: MoneyString,
  currency: Currency,
  status: RefundStatus,
  reason: z.string().max(500).nullable(),
  failureCode: PaymentFailureCode.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type RefundSnapshot = z.infer<typeof RefundSnapshot>;

/** payment-events: the processor's facts. */
export const PaymentIntentUpdated = envelope(
  'PaymentIntentUpdated',
  1,
  z.object({ payment: PaymentSnapshot, previousStatus: PaymentIntentStatus.nullable() }),
);
export const RefundUpdated = envelope('RefundUpdated', 1, z.object({ refund: RefundSnapshot }));
export const PaymentCommandRejected = envelope(
  'PaymentCommandRejected',
  1,
  z.object({
    paymentId: z.uuid(),
    refundId: z.uuid().nullable(),
    organizationId: z.uuid(),
    command: z.string().max(50),
    reason: PaymentRejectionReason,
    detail: z.string().max(500),
  }),
);
export type PaymentIntentUpdated = z.infer<typeof PaymentIntentUpdated>;
export type RefundUpdated = z.infer<typeof RefundUpdated>;
export type PaymentCommandRejected = z.infer<typeof PaymentCommandRejected>;

export const PaymentEvent = z.discriminatedUnion('type', [
  GatewayResultReceived,
  GatewayWebhookReceived,
  PaymentIntentUpdated,
  RefundUpdated,
  PaymentCommandRejected,
]);
export type PaymentEvent = z.infer<typeof PaymentEvent>;
