import type { DateRangeQuery, RevenueDayResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';

/** Revenue and invoice counts per day and currency, from the analytics app's daily windows. */
export async function revenueByDay(organizationId: string, range: DateRangeQuery): Promise<RevenueDayResource[]> {
  return useDb().$queryRaw<RevenueDayResource[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, currency, invoiced_amount::text AS invoiced,
           collected_amount::text AS collected, credited_amount::text AS credited, issued_count AS issued,
           paid_count AS paid, overdue_count AS overdue, voided_count AS voided
      FROM analytics_revenue_daily
     WHERE organization_id = ${organizationId}::uuid AND day BETWEEN ${range.from}::date AND ${range.to}::date
     ORDER BY day, currency`;
}
