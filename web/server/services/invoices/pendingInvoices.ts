import { redisKey, useRedis } from '../../utils/redis';
import type { PendingInvoice } from './invoiceResources';

/**
 * Accepted CreateInvoice commands live here until the billing processor
 * writes the invoice row, so GET /invoices/:id answers "pending" instead of
 * 404 in between. The TTL matches the idempotency window.
 */
export const PENDING_INVOICE_TTL_SECONDS = 24 * 60 * 60;

function pendingKey(invoiceId: string): string {
  return redisKey('invoice', 'pending', invoiceId);
}

export async function rememberPendingInvoice(pending: PendingInvoice): Promise<void> {
  await useRedis().set(pendingKey(pending.invoiceId), JSON.stringify(pending), 'EX', PENDING_INVOICE_TTL_SECONDS);
}

export async function findPendingInvoice(invoiceId: string): Promise<PendingInvoice | undefined> {
  const text = await useRedis().get(pendingKey(invoiceId));
  return text ? (JSON.parse(text) as PendingInvoice) : undefined;
}
