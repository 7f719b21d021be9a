import type { PaymentPageQuery } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { afterId, sliceWithCursor } from '../../utils/pagination';
import { PAYMENT_COLUMNS, type PaymentRow, toPaymentSummary } from './paymentRows';

/** Newest first; the cursor names the last payment of the previous page. */
export async function listPayments(query: PaymentPageQuery, organizationId: string) {
  const after = afterId(query);
  const rows = await useDb().$queryRawUnsafe<PaymentRow[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments p
      WHERE organization_id = $1::uuid
        AND ($2::text IS NULL OR status = $2)
        AND ($3::uuid IS NULL OR account_id = $3::uuid)
        AND ($4::uuid IS NULL OR invoice_id = $4::uuid)
        AND ($5::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM payments WHERE id = $5::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $6`,
    organizationId,
    query.status ?? null,
    query.accountId ?? null,
    query.invoiceId ?? null,
    after ?? null,
    query.limit + 1,
  );
  const { data, nextCursor } = sliceWithCursor(rows, query.limit, (row) => row.id);
  return { data: data.map(toPaymentSummary), nextCursor };
}
