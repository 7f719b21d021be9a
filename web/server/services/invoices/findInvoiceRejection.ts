import type { InvoiceRejection } from '@billstream/contracts';
import { useRedis } from '../../utils/redis';

/**
 * Where the billing processor's rejections view keeps the last refused
 * command of each invoice (a Redis hash; see rejectionsView in
 * streams/src/apps/billing/billingViews.ts). The key carries no organization:
 * callers show it only for an invoice they already found in the caller's.
 */
export function billingRejectionKey(invoiceId: string): string {
  return `bs:billing-rejection:${invoiceId}`;
}

export async function findInvoiceRejection(invoiceId: string): Promise<InvoiceRejection | null> {
  const fields = await useRedis().hgetall(billingRejectionKey(invoiceId));
  const { command, reason, detail, at } = fields;
  if (!command || !reason || !at) return null;
  return { command, reason, detail: detail ?? '', at };
}
