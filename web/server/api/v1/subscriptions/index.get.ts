import { ListSubscriptionsQuery, type SubscriptionResource } from '@billstream/contracts';
import { listSubscriptions } from '../../../services/subscriptions/queries';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/subscriptions?status=&accountId=&limit=: most recently changed first. */
export default defineEventHandler(async (event): Promise<{ data: SubscriptionResource[] }> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, ListSubscriptionsQuery);
  return withEtag(event, { data: await listSubscriptions(query, organizationId) });
});
