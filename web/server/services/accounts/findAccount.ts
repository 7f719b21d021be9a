import type { BillingAccount } from '@billstream/db';
import { useDb } from '../../utils/db';

/** The organization's account, or undefined when it has none with this id (another organization's is none). */
export async function findAccount(id: string, organizationId: string): Promise<BillingAccount | undefined> {
  return (await useDb().billingAccount.findFirst({ where: { id, organizationId } })) ?? undefined;
}
