import type { HoldResource } from '@billstream/contracts';
import { Currency, formatMoney } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';

interface HoldRow {
  id: string;
  account_id: string;
  amount: string;
  captured_amount: string;
  currency: string;
  status: string;
  reason: string | null;
  expires_at: Date;
  created_at: Date;
  updated_at: Date;
}

/** Most holds one account listing returns; pending ones come first. */
export const HOLDS_PAGE_MAX = 100;

export function toHoldResource(row: HoldRow): HoldResource {
  const currency = Currency.parse(row.currency);
  return {
    id: row.id,
    accountId: row.account_id,
    amount: formatMoney(row.amount, currency),
    capturedAmount: formatMoney(row.captured_amount, currency),
    currency,
    status: row.status as HoldResource['status'],
    reason: row.reason,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The organization's hold as the ledger decided it; 404 for none (another organization's is none). */
export async function findHold(id: string, organizationId: string): Promise<HoldResource> {
  const rows = await useDb().$queryRaw<HoldRow[]>`
    SELECT id::text, account_id::text, amount::text, captured_amount::text, currency, status, reason, expires_at,
           created_at, updated_at
      FROM holds WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid`;
  const row = rows[0];
  if (!row) throw problems.notFound(`There is no hold ${id}`, { name: 'params.id', reason: 'no such hold' });
  return toHoldResource(row);
}

export async function listAccountHolds(accountId: string, organizationId: string): Promise<HoldResource[]> {
  const rows = await useDb().$queryRaw<HoldRow[]>`
    SELECT id::text, account_id::text, amount::text, captured_amount::text, currency, status, reason, expires_at,
           created_at, updated_at
      FROM holds WHERE account_id = ${accountId}::uuid AND organization_id = ${organizationId}::uuid
     ORDER BY (status = 'pending') DESC, created_at DESC LIMIT ${HOLDS_PAGE_MAX}`;
  return rows.map(toHoldResource);
}
