import {
  AccountStatus,
  Currency,
  CustomerDetails,
  CustomerSnapshot,
  HoldRejectionReason,
  HoldStatus,
  MoneyString,
  RejectionReason,
  TransactionStatus,
} from '@billstream/contracts';
import { z } from 'zod';

/** What the ledger keeps per account in the `ledger-accounts` store (changelogged). */
export const LedgerAccountState = z.strictObject({
  organizationId: z.uuid(),
  currency: Currency,
  status: AccountStatus,
  creditLimit: MoneyString,
  balance: MoneyString,
  /** Sum of pending holds: the available balance is balance − held. Absent in states written before holds. */
  held: MoneyString.default('0'),
  /** Changes applied (transactions and holds); orders balance writes in the views. */
  version: z.number().int().nonnegative(),
  /** Known once an account was opened or announced with it (absent in states written before customers). */
  accountNumber: z.string().optional(),
  /** The customer details, for accounts opened or changed through the API. */
  customer: CustomerDetails.optional(),
  /** Account changes applied (open, update, status): orders detail writes in the accounts view. */
  detailsVersion: z.number().int().nonnegative().default(0),
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
  /** The account's version after this transaction: orders rows for balance-as-of queries. */
  accountVersion: z.number().int().nonnegative().optional(),
});
export type TransactionRow = z.infer<typeof TransactionRow>;

/** An account balance as the `ledger_balances` view writes it. */
export const BalanceRow = z.strictObject({
  accountId: z.uuid(),
  /** Lets the view sink tell the organization's pages (absent in rows written before it). */
  organizationId: z.uuid().optional(),
  balance: MoneyString,
  currency: Currency,
  version: z.number().int().nonnegative(),
  /** balance − pending holds; absent in rows written before holds (then equal to the balance). */
  available: MoneyString.optional(),
});
export type BalanceRow = z.infer<typeof BalanceRow>;

/** `ledger-holds`: a two-phase hold on an account, until captured, voided or expired. */
export const HoldState = z.strictObject({
  id: z.uuid(),
  accountId: z.uuid(),
  organizationId: z.uuid(),
  amount: MoneyString,
  capturedAmount: MoneyString,
  currency: Currency,
  status: HoldStatus,
  reason: HoldRejectionReason.nullable(),
  expiresAtMs: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HoldState = z.infer<typeof HoldState>;

/** A billing_accounts row as the `ledger_accounts` view writes it: the customer and its version. */
export const AccountRow = CustomerSnapshot.extend({ detailsVersion: z.number().int().positive() });
export type AccountRow = z.infer<typeof AccountRow>;
