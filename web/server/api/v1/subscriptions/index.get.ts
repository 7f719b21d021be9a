import { ListSubscriptionsQuery, type SubscriptionResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listSubscriptions } from '../../../services/subscriptions/queries';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/subscriptions?page=&limit=&sort=&q=&status=&accountId=: most recently changed first, with the total. */
export default defineEventHandler(async (event): Promise<ListPage<SubscriptionResource>> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, ListSubscriptionsQuery);
  return withEtag(event, await listSubscriptions(query, organizationId));
});
