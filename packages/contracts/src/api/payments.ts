import { z } from 'zod';
import { CommandFailureProblem } from '../events/commandFailure.ts';
import {
  CaptureMethod,
  GatewayName,
  PaymentFailureCode,
  PaymentIntentStatus,
  PaymentMethodType,
  RefundStatus,
} from '../events/payments.ts';
import { Currency, PositiveMoneyString } from '../money.ts';

const CURRENT_YEAR_MIN = 2000;

/** A card as the payer types it. Only the API edge sees it: it is tokenized and never stored. */
export const CardInput = z.strictObject({
  type: z.literal('card'),
  number: z
    .string({ error: 'is required' })
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{12,19}$/, 'must be 12 to 19 digits')),
  expMonth: z.number({ error: 'must be a month number' }).int().min(1, 'must be 1..12').max(12, 'must be 1..12'),
  expYear: z.number({ error: 'must be a year' }).int().min(CURRENT_YEAR_MIN).max(2100),
  cvc: z.string({ error: 'is required' }).regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
});
export type CardInput = z.infer<typeof CardInput>;

export const BankTransferInput = z.strictObject({
  type: z.literal('bank_transfer'),
  accountHolder: z.string({ error: 'is required' }).trim().min(2).max(100),
  iban: z
    .string({ error: 'is required' })
    .transform((value) => value.replace(/\s/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'must be an IBAN')),
});
export type BankTransferInput = z.infer<typeof BankTransferInput>;

/** Body of POST /api/v1/payment-methods. */
export const AddPaymentMethodBody = z.strictObject({
  accountId: z.uuid({ error: 'must be a UUID' }),
  method: z.discriminatedUnion('type', [CardInput, BankTransferInput]),
  makeDefault: z.boolean().optional(),
});
export type AddPaymentMethodBody = z.infer<typeof AddPaymentMethodBody>;

export const PaymentMethodListQuery = z.object({ accountId: z.uuid({ error: 'must be a UUID' }) });

export const PaymentMethodResource = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  type: PaymentMethodType,
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  expMonth: z.number().nullable(),
  expYear: z.number().nullable(),
  gateway: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
export type PaymentMethodResource = z.infer<typeof PaymentMethodResource>;

/**
 * Body of POST /api/v1/payments: pay an invoice (amount defaults to what is
 * due, currency and account come from it) or charge an account.
 */
export const CreatePaymentBody = z
  .strictObject({
    invoiceId: z.uuid({ error: 'must be a UUID' }).optional(),
    accountId: z.uuid({ error: 'must be a UUID' }).optional(),
    amount: PositiveMoneyString.optional(),
    currency: Currency.optional(),
    paymentMethodId: z.uuid({ error: 'must be a UUID' }).optional(),
    captureMethod: CaptureMethod.default('automatic'),
    /** Confirm at once (needs a payment method). */
    confirm: z.boolean().default(false),
  })
  .refine((body) => body.invoiceId !== undefined || body.accountId !== undefined, {
    message: 'name an invoice or an account',
    path: ['invoiceId'],
  })
  .refine((body) => body.invoiceId !== undefined || (body.amount !== undefined && body.currency !== undefined), {
    message: 'is required when paying an account',
    path: ['amount'],
  });
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

export const ConfirmPaymentBody = z.strictObject({ paymentMethodId: z.uuid({ error: 'must be a UUID' }).optional() });
export const CapturePaymentBody = z.strictObject({ amount: PositiveMoneyString.optional() });
export const CancelPaymentBody = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const PaymentActionBody = z.strictObject({ passed: z.boolean({ error: 'must be true or false' }) });
export const CreateRefundBody = z.strictObject({
  /** Defaults to everything still refundable. */
  amount: PositiveMoneyString.optional(),
  reason: z.string().trim().max(500).optional(),
});
export type ConfirmPaymentBody = z.infer<typeof ConfirmPaymentBody>;
export type CapturePaymentBody = z.infer<typeof CapturePaymentBody>;
export type CancelPaymentBody = z.infer<typeof CancelPaymentBody>;
export type PaymentActionBody = z.infer<typeof PaymentActionBody>;
export type CreateRefundBody = z.infer<typeof CreateRefundBody>;

export const PaymentListQuery = z.object({
  status: PaymentIntentStatus.optional(),
  accountId: z.uuid({ error: 'must be a UUID' }).optional(),
  invoiceId: z.uuid({ error: 'must be a UUID' }).optional(),
});

export const RefundResource = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  amount: z.string(),
  status: RefundStatus,
  reason: z.string().nullable(),
  failureCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RefundResource = z.infer<typeof RefundResource>;

export const PaymentHistoryEntry = z.object({
  status: z.string(),
  detail: z.string().nullable(),
  occurredAt: z.string(),
});

export const PaymentResource = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  invoiceId: z.uuid().nullable(),
  amount: z.string(),
  amountCapturable: z.string(),
  amountCaptured: z.string(),
  amountRefunded: z.string(),
  currency: Currency,
  status: PaymentIntentStatus.or(z.literal('pending')).or(z.literal('failed')),
  failure: CommandFailureProblem.optional(),
  captureMethod: z.string(),
  gateway: z.string().nullable(),
  paymentMethodId: z.uuid().nullable(),
  failureCode: PaymentFailureCode.nullable().or(z.string()),
  failureMessage: z.string().nullable(),
  /** A command the processor refused, if any (e.g. a refund above what is refundable). */
  rejection: z.object({ command: z.string(), reason: z.string(), detail: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  refunds: z.array(RefundResource),
  history: z.array(PaymentHistoryEntry),
  links: z.object({ self: z.string() }),
});
export type PaymentResource = z.infer<typeof PaymentResource>;

export const GatewayStatsResource = z.object({
  gateway: GatewayName,
  attempts: z.number().int(),
  succeeded: z.number().int(),
  /** succeeded / attempts as a percentage string with one decimal, null without attempts. */
  successRate: z.string().nullable(),
});
export type GatewayStatsResource = z.infer<typeof GatewayStatsResource>;
