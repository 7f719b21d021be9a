import type { PlanResource } from '@billstream/contracts';
import { listPlans } from '../../../services/subscriptions/queries';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';

/** GET /api/v1/plans: the organisation's plans by code. */
export default defineEventHandler(async (event): Promise<{ data: PlanResource[] }> => {
  const { organizationId } = requirePrincipal(event);
  return withEtag(event, { data: await listPlans(organizationId) });
});
