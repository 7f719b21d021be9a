import { z } from 'zod';
import { Currency, fitsMinorUnits, MoneyString, PositiveMoneyString } from '../money.ts';
import { envelope } from './envelope.ts';

/** Longest a hold may stay pending before the ledger releases it (30 days, as card authorizations). */
export const HOLD_TIMEOUT_MAX_MS = 30 * 24 * 60 * 60 * 1000;

export const HoldStatus = z.enum(['pending', 'captured', 'voided', 'expired', 'rejected']);
export type HoldStatus = z.infer<typeof HoldStatus>;

/**
 * transaction-commands, key accountId: reserve an amount (two-phase: the
 * available balance drops now, the ledger balance only at capture).
 */
export const HoldRequested = envelope(
  'HoldRequested',
  1,
  z
    .object({
      holdId: z.uuid(),
      accountId: z.uuid(),
      amount: PositiveMoneyString,
      currency: Currency,
      expiresAt: z.iso.datetime({ offset: true }),
      description: z.string().max(500).optional(),
      requestedBy: z.string().max(100).optional(),
    })
    .refine((data) => fitsMinorUnits(data.amount, data.currency), {
      message: 'has more decimal places than the currency allows',
      path: ['amount'],
    }),
);
export type HoldRequested = z.infer<typeof HoldRequested>;

/** Posts part or all of a pending hold as a completed debit (`transactionId`); the rest is released. */
export const HoldCaptureRequested = envelope(
  'HoldCaptureRequested',
  1,
  z.object({
    holdId: z.uuid(),
    accountId: z.uuid(),
    transactionId: z.uuid(),
    amount: PositiveMoneyString,
    requestedBy: z.string().max(100).optional(),
  }),
);
export type HoldCaptureRequested = z.infer<typeof HoldCaptureRequested>;

export const HoldVoidRequested = envelope(
  'HoldVoidRequested',
  1,
  z.object({ holdId: z.uuid(), accountId: z.uuid(), requestedBy: z.string().max(100).optional() }),
);
export type HoldVoidRequested = z.infer<typeof HoldVoidRequested>;

export const HoldCommand = z.discriminatedUnion('type', [HoldRequested, HoldCaptureRequested, HoldVoidRequested]);
export type HoldCommand = z.infer<typeof HoldCommand>;

/** Why the ledger refused a hold command. */
export const HoldRejectionReason = z.enum([
  'account_not_found',
  'account_not_active',
  'currency_mismatch',
  'invalid_amount',
  'insufficient_funds',
  'hold_not_found',
  'hold_not_pending',
  'amount_exceeds_hold',
  'expiry_invalid',
  'amount_out_of_range',
]);
export type HoldRejectionReason = z.infer<typeof HoldRejectionReason>;

export const HoldView = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  amount: MoneyString,
  capturedAmount: MoneyString,
  currency: Currency,
  status: HoldStatus,
  reason: HoldRejectionReason.nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HoldView = z.infer<typeof HoldView>;
