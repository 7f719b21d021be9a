import { z } from 'zod';
import { Currency, MoneyString } from '../money.ts';
import { envelope } from './envelope.ts';

export const AccountStatus = z.enum(['active', 'frozen', 'closed']);
export type AccountStatus = z.infer<typeof AccountStatus>;

export const BillingAccountData = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  accountNumber: z.string().min(1).max(50),
  currency: Currency,
  status: AccountStatus,
  creditLimit: MoneyString,
  updatedAt: z.iso.datetime({ offset: true }),
});
export type BillingAccountData = z.infer<typeof BillingAccountData>;

/** master-data, key `account:<id>`: the latest state of a billing account. */
export const BillingAccountUpserted = envelope('BillingAccountUpserted', 1, BillingAccountData);
export type BillingAccountUpserted = z.infer<typeof BillingAccountUpserted>;

export const MasterDataEvent = z.discriminatedUnion('type', [BillingAccountUpserted]);
export type MasterDataEvent = z.infer<typeof MasterDataEvent>;

export function masterDataKey(kind: 'account' | 'category' | 'product' | 'configuration', id: string): string {
  if (id.length === 0) throw new Error('master-data key needs an id');
  return `${kind}:${id}`;
}
