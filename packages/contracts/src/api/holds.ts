import { z } from 'zod';
import { HOLD_TIMEOUT_MAX_MS, HoldStatus } from '../events/holds.ts';
import { Currency, fitsMinorUnits, PositiveMoneyString } from '../money.ts';

/** Default life of a hold when the request names none: 7 days, like most card authorizations. */
export const HOLD_TIMEOUT_DEFAULT_SECONDS = 7 * 24 * 60 * 60;

/** Body of POST /api/v1/accounts/:id/holds. */
export const CreateHoldBody = z
  .strictObject({
    amount: PositiveMoneyString,
    currency: Currency,
    expiresInSeconds: z
      .number()
      .int()
      .min(1)
      .max(HOLD_TIMEOUT_MAX_MS / 1000)
      .default(HOLD_TIMEOUT_DEFAULT_SECONDS),
    description: z.string().trim().max(500).optional(),
  })
  .refine((body) => fitsMinorUnits(body.amount, body.currency), {
    message: 'has more decimal places than the currency allows',
    path: ['amount'],
  });
export type CreateHoldBody = z.infer<typeof CreateHoldBody>;

/** Body of POST /api/v1/holds/:id/capture: the amount to post (default: the whole hold). */
export const CaptureHoldBody = z.strictObject({ amount: PositiveMoneyString.optional() });
export type CaptureHoldBody = z.infer<typeof CaptureHoldBody>;

/** Query of GET /api/v1/accounts/:id/balance. */
export const BalanceAsOfQuery = z.strictObject({
  at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-11-25T12:00:00Z' }).optional(),
});

export const HoldResource = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  amount: z.string(),
  capturedAmount: z.string(),
  currency: Currency,
  status: HoldStatus.or(z.literal('requested')),
  reason: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HoldResource = z.infer<typeof HoldResource>;

export const BalanceAsOf = z.object({
  accountId: z.uuid(),
  at: z.string(),
  balance: z.string(),
  currency: Currency,
  /** The last completed transaction at or before `at` (null: none yet, balance 0). */
  transactionId: z.uuid().nullable(),
});
export type BalanceAsOf = z.infer<typeof BalanceAsOf>;
