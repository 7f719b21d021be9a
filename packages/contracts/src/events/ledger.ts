import { z } from 'zod';
import { HoldCaptureRequested, HoldRequested, HoldVoidRequested } from './holds.ts';
import { BillingAccountUpserted } from './masterData.ts';
import { TransactionRequested } from './transactions.ts';

/**
 * transaction-commands carries both the ledger's commands and the account
 * changes they depend on, keyed by account: one partition orders an account's
 * opening, freezing and limit changes with its credits and debits, so the
 * ledger never sees a debit before the account it applies to.
 */
export const LedgerCommand = z.discriminatedUnion('type', [
  TransactionRequested,
  BillingAccountUpserted,
  HoldRequested,
  HoldCaptureRequested,
  HoldVoidRequested,
]);
export type LedgerCommand = z.infer<typeof LedgerCommand>;
