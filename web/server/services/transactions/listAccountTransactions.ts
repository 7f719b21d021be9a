import type { PageQuery, TransactionResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { afterId, sliceWithCursor } from '../../utils/pagination';
import { problems } from '../../utils/problem';
import { toTransactionResource } from '../../utils/resources';
import { findAccount } from '../accounts/findAccount';

/** An account's history, newest first, keyset-paginated on (createdAt, id). */
export async function listAccountTransactions(
  accountId: string,
  query: PageQuery,
  organizationId: string,
): Promise<{ data: TransactionResource[]; nextCursor: string | null }> {
  const after = afterId(query);
  if (!(await findAccount(accountId, organizationId))) {
    throw problems.notFound(`There is no account ${accountId}`, { name: 'params.id', reason: 'no such account' });
  }
  const rows = await useDb().transaction.findMany({
    where: { accountId, organizationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
  const page = sliceWithCursor(rows, query.limit, (row) => row.id);
  return { data: page.data.map(toTransactionResource), nextCursor: page.nextCursor };
}
