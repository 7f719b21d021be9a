import { z } from 'zod';
import { AccountOpenRequested, AccountStatusChangeRequested, AccountUpdateRequested } from './accounts.ts';
import { HoldCaptureRequested, HoldRequested, HoldVoidRequested } from './holds.ts';
import { BillingAccountUpserted } from './masterData.ts';
import { TransactionRequested } from './transactions.ts';

/**
 * transaction-commands carries both the ledger's commands and the account
 * changes they depend on, keyed by account: one partition orders an account's
 * opening, freezing and limit changes with its credits and debits, so the
 * ledger never sees a debit before the account it applies to. The API's
 * account commands (open, update, freeze/close/reopen) travel the same way.
 */
export const LedgerCommand = z.discriminatedUnion('type', [
  TransactionRequested,
  BillingAccountUpserted,
  AccountOpenRequested,
  AccountUpdateRequested,
  AccountStatusChangeRequested,
  HoldRequested,
  HoldCaptureRequested,
  HoldVoidRequested,
]);
export type LedgerCommand = z.infer<typeof LedgerCommand>;
