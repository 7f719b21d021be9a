import { z } from 'zod';
import { CommandFailureProblem } from '../events/commandFailure.ts';
import { RejectionReason, TransactionStatus, TransactionType } from '../events/transactions.ts';
import { Currency, fitsMinorUnits, PositiveMoneyString } from '../money.ts';

/** Body of POST /api/v1/transactions. */
export const CreateTransactionBody = z
  .strictObject({
    accountId: z.uuid({ error: 'must be a UUID' }),
    type: TransactionType,
    amount: PositiveMoneyString,
    currency: Currency,
    description: z.string().trim().max(500).optional(),
    reference: z.string().trim().max(100).optional(),
  })
  .refine((body) => fitsMinorUnits(body.amount, body.currency), {
    message: 'has more decimal places than the currency allows',
    path: ['amount'],
  });
export type CreateTransactionBody = z.infer<typeof CreateTransactionBody>;

export const IdParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

/** Stripe-style idempotency key: 1..255 printable ASCII characters. */
export const IdempotencyKey = z
  .string({ error: 'Idempotency-Key header is required' })
  .min(1, 'Idempotency-Key header is required')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const TransactionResource = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  type: TransactionType,
  amount: z.string(),
  currency: Currency,
  /** "failed": no processor could apply the command (see `failure`); it never will be. */
  status: TransactionStatus.or(z.literal('failed')),
  failure: CommandFailureProblem.optional(),
  description: z.string().nullable(),
  reference: z.string().nullable(),
  reason: RejectionReason.nullable(),
  balanceAfter: z.string().nullable(),
  createdAt: z.string(),
  processedAt: z.string().nullable(),
  links: z.object({ self: z.string(), account: z.string() }),
});
export type TransactionResource = z.infer<typeof TransactionResource>;

export const AccountResource = z.object({
  id: z.uuid(),
  accountNumber: z.string(),
  currency: Currency,
  status: z.string(),
  balance: z.string(),
  creditLimit: z.string(),
  updatedAt: z.string(),
  links: z.object({ self: z.string(), transactions: z.string() }),
});
export type AccountResource = z.infer<typeof AccountResource>;
