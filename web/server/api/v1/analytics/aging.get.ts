import type { AgingRowResource } from '@billstream/contracts';
import { agingBuckets } from '../../../services/analytics/agingBuckets';
import { requirePrincipal } from '../../../utils/principal';

/** GET /api/v1/analytics/aging: open receivables per currency in the buckets current, 1–30, 31–60, 61–90, 90+ days. */
export default defineEventHandler(async (event): Promise<{ asOf: string; data: AgingRowResource[] }> => {
  const { organizationId } = requirePrincipal(event);
  const asOf = new Date().toISOString().slice(0, 10);
  return { asOf, data: await agingBuckets(organizationId, asOf) };
});
