import type { BillingAccount } from '@billstream/db';
import { useDb } from '../../utils/db';

/** The account, or undefined when there is none with this id. */
export async function findAccount(id: string): Promise<BillingAccount | undefined> {
  return (await useDb().billingAccount.findUnique({ where: { id } })) ?? undefined;
}
