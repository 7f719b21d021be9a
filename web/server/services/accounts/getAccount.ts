import type { AccountView } from '#shared/types/api';
import { problems } from '../../utils/problem';
import { toAccountResource } from '../../utils/resources';
import { findAccount } from './findAccount';

export async function getAccount(id: string, organizationId: string): Promise<AccountView> {
  const row = await findAccount(id, organizationId);
  if (!row) throw problems.notFound(`There is no account ${id}`, { name: 'params.id', reason: 'no such account' });
  return toAccountResource(row);
}
