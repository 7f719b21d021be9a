import type { AgingRowResource } from '@billstream/contracts';
import { agingBuckets } from '../../../services/analytics/agingBuckets';
import { currentTestClock } from '../../../services/testClock/getTestClock';
import { requirePrincipal } from '../../../utils/principal';

/**
 * GET /api/v1/analytics/aging: open receivables per currency in the buckets
 * current, 1–30, 31–60, 61–90, 90+ days, as of today — the organization's
 * test-clock day when it has one, the day the billing processor also judges
 * overdue invoices by.
 */
export default defineEventHandler(async (event): Promise<{ asOf: string; data: AgingRowResource[] }> => {
  const { organizationId } = requirePrincipal(event);
  const asOf = ((await currentTestClock(organizationId)) ?? new Date()).toISOString().slice(0, 10);
  return { asOf, data: await agingBuckets(organizationId, asOf) };
});
