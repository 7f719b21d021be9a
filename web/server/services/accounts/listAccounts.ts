import type { PageQuery } from '@billstream/contracts';
import type { AccountView } from '#shared/types/api';
import { useDb } from '../../utils/db';
import { afterId, sliceWithCursor } from '../../utils/pagination';

export type AccountsQuery = PageQuery & { q?: string };

import { toAccountResource } from '../../utils/resources';

/** Accounts ordered by account number (unique, human-meaningful), keyset-paginated. */
export async function listAccounts(
  query: AccountsQuery,
  organizationId: string,
): Promise<{ data: AccountView[]; nextCursor: string | null }> {
  const after = afterId(query);
  const rows = await useDb().billingAccount.findMany({
    where: {
      organizationId,
      ...(query.q
        ? {
            OR: [
              { accountNumber: { contains: query.q, mode: 'insensitive' as const } },
              { customerName: { contains: query.q, mode: 'insensitive' as const } },
              { externalId: { contains: query.q, mode: 'insensitive' as const } },
              { billingEmail: { contains: query.q, mode: 'insensitive' as const } },
            ],
          }
        : {}),
    },
    orderBy: [{ accountNumber: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
  const page = sliceWithCursor(rows, query.limit, (row) => row.id);
  return { data: page.data.map(toAccountResource), nextCursor: page.nextCursor };
}
