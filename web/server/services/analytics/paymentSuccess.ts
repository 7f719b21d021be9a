import { type DateRangeQuery, MoneyDecimal, type PaymentHourResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';

/** succeeded / (succeeded + failed) with 4 decimals; null when nothing finished. */
export function successRate(succeeded: number, failed: number): string | null {
  const total = succeeded + failed;
  if (total === 0) return null;
  return new MoneyDecimal(succeeded).div(total).toFixed(4);
}

/** Payment outcomes per gateway and hour, from the analytics app's hourly windows. */
export async function paymentSuccess(organizationId: string, range: DateRangeQuery): Promise<PaymentHourResource[]> {
  const rows = await useDb().$queryRaw<Omit<PaymentHourResource, 'successRate'>[]>`
    SELECT to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS hour, gateway,
           succeeded_count AS succeeded, failed_count AS failed
      FROM analytics_payments_hourly
     WHERE organization_id = ${organizationId}::uuid
       AND hour >= ${range.from}::date AND hour < ${range.to}::date + 1
     ORDER BY hour, gateway`;
  return rows.map((row) => ({ ...row, successRate: successRate(row.succeeded, row.failed) }));
}
