import { IdParams, type PlanResource } from '@billstream/contracts';
import { getPlan } from '../../../services/subscriptions/queries';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/plans/:id */
export default defineEventHandler(async (event): Promise<PlanResource> => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  return withEtag(event, await getPlan(id, organizationId));
});
