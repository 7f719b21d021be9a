import { Currency, formatMoney, type PaymentResource, type RefundResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';

/** Most refunds and timeline entries shown with one payment (the processor caps refunds at 50). */
export const PAYMENT_DETAIL_ROWS_MAX = 200;

export interface PaymentRow {
  id: string;
  account_id: string;
  invoice_id: string | null;
  amount: string;
  amount_capturable: string;
  amount_captured: string;
  amount_refunded: string;
  currency: string;
  status: string;
  capture_method: string;
  gateway: string | null;
  payment_method_id: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: Date;
  updated_at: Date;
}

export const PAYMENT_COLUMNS = `id::text, account_id::text, invoice_id::text, amount::text, amount_capturable::text,
  amount_captured::text, amount_refunded::text, currency, status, capture_method, gateway, payment_method_id::text,
  failure_code, failure_message, created_at, updated_at`;

export async function findPaymentRow(id: string, organizationId: string): Promise<PaymentRow | undefined> {
  const rows = await useDb().$queryRawUnsafe<PaymentRow[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1::uuid AND organization_id = $2::uuid`,
    id,
    organizationId,
  );
  return rows[0];
}

/** The view keeps NUMERIC(19,4); the wire carries the currency's own minor units ("60.00", not "60.0000"). */
function wireAmount(value: string, currency: string): string {
  return formatMoney(value, Currency.parse(currency));
}

export function toPaymentSummary(row: PaymentRow): Omit<PaymentResource, 'refunds' | 'history' | 'rejection'> {
  return {
    id: row.id,
    accountId: row.account_id,
    invoiceId: row.invoice_id,
    amount: wireAmount(row.amount, row.currency),
    amountCapturable: wireAmount(row.amount_capturable, row.currency),
    amountCaptured: wireAmount(row.amount_captured, row.currency),
    amountRefunded: wireAmount(row.amount_refunded, row.currency),
    currency: row.currency as PaymentResource['currency'],
    status: row.status as PaymentResource['status'],
    captureMethod: row.capture_method,
    gateway: row.gateway,
    paymentMethodId: row.payment_method_id,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    links: { self: `/api/v1/payments/${row.id}` },
  };
}

interface RefundRow {
  id: string;
  payment_id: string;
  amount: string;
  status: string;
  reason: string | null;
  failure_code: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function refundsOf(
  paymentId: string,
  organizationId: string,
  currency: string,
): Promise<RefundResource[]> {
  const rows = await useDb().$queryRaw<RefundRow[]>`
    SELECT id::text, payment_id::text, amount::text, status, reason, failure_code, created_at, updated_at
      FROM refunds WHERE payment_id = ${paymentId}::uuid AND organization_id = ${organizationId}::uuid
     ORDER BY created_at, id LIMIT ${PAYMENT_DETAIL_ROWS_MAX}`;
  return rows.map((r) => ({
    id: r.id,
    paymentId: r.payment_id,
    amount: wireAmount(r.amount, currency),
    status: r.status as RefundResource['status'],
    reason: r.reason,
    failureCode: r.failure_code,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function historyOf(paymentId: string, organizationId: string): Promise<PaymentResource['history']> {
  const rows = await useDb().$queryRaw<{ status: string; detail: string | null; occurred_at: Date }[]>`
    SELECT status, detail, occurred_at FROM payment_status_history
     WHERE payment_id = ${paymentId}::uuid AND organization_id = ${organizationId}::uuid
     ORDER BY version LIMIT ${PAYMENT_DETAIL_ROWS_MAX}`;
  return rows.map((h) => ({ status: h.status, detail: h.detail, occurredAt: h.occurred_at.toISOString() }));
}
