import type { BillingAccount } from '@billstream/db';
import { z } from 'zod';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';

const isUuid = (ref: string) => z.uuid().safeParse(ref).success;

/**
 * The organization's account named by `ref`: its id or its customer's
 * external id. An external id may itself look like a UUID (CRM keys often
 * do), so a UUID is tried as both, the account id winning.
 */
export async function findAccountByRef(ref: string, organizationId: string): Promise<BillingAccount | undefined> {
  const rows = await useDb().billingAccount.findMany({
    where: { organizationId, OR: [{ externalId: ref }, ...(isUuid(ref) ? [{ id: ref }] : [])] },
    take: 2,
  });
  return rows.find((row) => row.id === ref) ?? rows[0];
}

/** Like findAccountByRef, but 404 (naming params.id) when the organization has no such account. */
export async function requireAccountByRef(ref: string, organizationId: string): Promise<BillingAccount> {
  const account = await findAccountByRef(ref, organizationId);
  if (!account) throw problems.notFound(`There is no account ${ref}`, { name: 'params.id', reason: 'no such account' });
  return account;
}
