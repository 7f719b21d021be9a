import type { AccountView } from '#shared/types/api';
import { toAccountResource } from '../../utils/resources';
import { requireAccountByRef } from './findAccountByRef';

/** The account named by its id or its customer's external id. */
export async function getAccount(ref: string, organizationId: string): Promise<AccountView> {
  return toAccountResource(await requireAccountByRef(ref, organizationId));
}
