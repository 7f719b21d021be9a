import { type BalanceAsOf, Currency, formatMoney } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { findAccount } from './findAccount';

/**
 * The ledger balance at an instant: the balance after the last completed
 * transaction processed at or before it. Rows carry the account's version,
 * which orders transactions processed within the same millisecond.
 */
export async function balanceAsOf(accountId: string, organizationId: string, at: Date): Promise<BalanceAsOf> {
  const account = await findAccount(accountId, organizationId);
  if (!account)
    throw problems.notFound(`There is no account ${accountId}`, { name: 'params.id', reason: 'no such account' });
  const currency = Currency.parse(account.currency);
  const rows = await useDb().$queryRaw<{ id: string; balance_after: string }[]>`
    SELECT id::text, balance_after::text FROM transactions
     WHERE account_id = ${accountId}::uuid AND status = 'completed' AND processed_at <= ${at}
     ORDER BY processed_at DESC, account_version DESC NULLS LAST LIMIT 1`;
  const last = rows[0];
  return {
    accountId,
    at: at.toISOString(),
    balance: formatMoney(last?.balance_after ?? '0', currency),
    currency,
    transactionId: last?.id ?? null,
  };
}
