import { DateRangeQuery, type RevenueDayResource } from '@billstream/contracts';
import { revenueByDay } from '../../../services/analytics/revenueByDay';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/analytics/revenue?from=&to=: revenue and invoices issued/paid/overdue per day and currency. */
export default defineEventHandler(async (event): Promise<{ data: RevenueDayResource[] }> => {
  const { organizationId } = requirePrincipal(event);
  const range = getValidatedQueryParams(event, DateRangeQuery);
  return { data: await revenueByDay(organizationId, range) };
});
