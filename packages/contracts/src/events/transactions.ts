import { z } from 'zod';
import { Currency, fitsMinorUnits, MoneyString, PositiveMoneyString } from '../money.ts';
import { envelope } from './envelope.ts';

export const TransactionType = z.enum(['credit', 'debit']);
export type TransactionType = z.infer<typeof TransactionType>;

export const TransactionStatus = z.enum(['pending', 'completed', 'rejected']);
export type TransactionStatus = z.infer<typeof TransactionStatus>;

/** Why the ledger refused a transaction. Stable codes: clients switch on them. */
export const RejectionReason = z.enum([
  'account_not_found',
  'account_not_active',
  'currency_mismatch',
  'invalid_amount',
  'insufficient_funds',
  /** The result (a balance, a hold total) would leave the money range: 15 integer digits. */
  'amount_out_of_range',
]);
export type RejectionReason = z.infer<typeof RejectionReason>;

export const TransactionRequestedData = z
  .object({
    transactionId: z.uuid(),
    accountId: z.uuid(),
    type: TransactionType,
    amount: PositiveMoneyString,
    currency: Currency,
    description: z.string().max(500).optional(),
    reference: z.string().max(100).optional(),
    requestedBy: z.string().max(100).optional(),
  })
  .refine((data) => fitsMinorUnits(data.amount, data.currency), {
    message: 'has more decimal places than the currency allows',
    path: ['amount'],
  });

/** transaction-commands: a credit or debit the API accepted, not yet applied. */
export const TransactionRequested = envelope('TransactionRequested', 1, TransactionRequestedData);
export type TransactionRequested = z.infer<typeof TransactionRequested>;

const TransactionOutcome = z.object({
  transactionId: z.uuid(),
  accountId: z.uuid(),
  type: TransactionType,
  amount: MoneyString,
  currency: Currency,
  description: z.string().max(500).optional(),
  reference: z.string().max(100).optional(),
  requestedAt: z.iso.datetime({ offset: true }),
  processedAt: z.iso.datetime({ offset: true }),
  /** Balance of the account after this transaction (unchanged when rejected). */
  balanceAfter: MoneyString,
});

export const TransactionCompleted = envelope('TransactionCompleted', 1, TransactionOutcome);
export type TransactionCompleted = z.infer<typeof TransactionCompleted>;

export const TransactionRejected = envelope(
  'TransactionRejected',
  1,
  TransactionOutcome.extend({ reason: RejectionReason, message: z.string().max(500) }),
);
export type TransactionRejected = z.infer<typeof TransactionRejected>;

/** transaction-events: the ledger's verdict on each command. */
export const TransactionEvent = z.discriminatedUnion('type', [TransactionCompleted, TransactionRejected]);
export type TransactionEvent = z.infer<typeof TransactionEvent>;
