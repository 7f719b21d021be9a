import { AccountStatus, Currency, MoneyString, RejectionReason, TransactionStatus } from '@billstream/contracts';
import { z } from 'zod';

/** What the ledger keeps per account in the `ledger-accounts` store (changelogged). */
export const LedgerAccountState = z.strictObject({
  organizationId: z.uuid(),
  currency: Currency,
  status: AccountStatus,
  creditLimit: MoneyString,
  balance: MoneyString,
  /** Completed transactions applied; orders balance writes in the views. */
  version: z.number().int().nonnegative(),
});
export type LedgerAccountState = z.infer<typeof LedgerAccountState>;

/** `ledger-seen`: every transaction id already decided, so a redelivered command is not applied twice. */
export const SeenTransaction = z.strictObject({
  status: TransactionStatus,
  decidedAtMs: z.number().int().nonnegative(),
});
export type SeenTransaction = z.infer<typeof SeenTransaction>;

/** A transactions row as the `ledger_transactions` view writes it. */
export const TransactionRow = z.strictObject({
  id: z.uuid(),
  organizationId: z.uuid(),
  accountId: z.uuid(),
  type: z.enum(['credit', 'debit']),
  amount: MoneyString,
  currency: Currency,
  description: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(['completed', 'rejected']),
  reason: RejectionReason.nullable(),
  balanceAfter: MoneyString,
  requestedAt: z.string(),
  processedAt: z.string(),
});
export type TransactionRow = z.infer<typeof TransactionRow>;

/** An account balance as the `ledger_balances` view writes it. */
export const BalanceRow = z.strictObject({
  accountId: z.uuid(),
  balance: MoneyString,
  currency: Currency,
  version: z.number().int().nonnegative(),
});
export type BalanceRow = z.infer<typeof BalanceRow>;
