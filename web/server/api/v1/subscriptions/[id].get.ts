import { IdParams, type SubscriptionResource } from '@billstream/contracts';
import { getSubscription } from '../../../services/subscriptions/queries';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/subscriptions/:id */
export default defineEventHandler(async (event): Promise<SubscriptionResource> => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  return withEtag(event, await getSubscription(id, organizationId));
});
