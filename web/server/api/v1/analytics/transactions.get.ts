import { RecentMinutesQuery, type TransactionMinuteResource } from '@billstream/contracts';
import { liveTransactions } from '../../../services/analytics/liveTransactions';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/analytics/transactions?minutes=: live transaction volume per minute and currency (Redis). */
export default defineEventHandler(async (event): Promise<{ data: TransactionMinuteResource[] }> => {
  const { organizationId } = requirePrincipal(event);
  const { minutes } = getValidatedQueryParams(event, RecentMinutesQuery);
  return { data: await liveTransactions(organizationId, minutes, Date.now()) };
});
