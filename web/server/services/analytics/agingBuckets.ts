import type { AgingRowResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';

/**
 * Open receivables by days past due (current, 1–30, 31–60, 61–90, 90+) per
 * currency. The analytics app keeps each invoice's newest snapshot; the
 * buckets depend on today, so they are computed when read.
 */
export async function agingBuckets(organizationId: string, today: string): Promise<AgingRowResource[]> {
  return useDb().$queryRaw<AgingRowResource[]>`
    WITH open AS (
      SELECT currency, amount_due,
             CASE WHEN due_date IS NULL OR due_date >= ${today}::date THEN 'current'
                  WHEN ${today}::date - due_date <= 30 THEN '1-30'
                  WHEN ${today}::date - due_date <= 60 THEN '31-60'
                  WHEN ${today}::date - due_date <= 90 THEN '61-90'
                  ELSE '90+' END AS bucket
        FROM analytics_receivables
       WHERE organization_id = ${organizationId}::uuid
         AND status IN ('open', 'partially_paid', 'overdue') AND amount_due > 0)
    SELECT currency, bucket, count(*)::int AS invoices, sum(amount_due)::text AS "amountDue"
      FROM open GROUP BY currency, bucket ORDER BY currency, bucket`;
}
