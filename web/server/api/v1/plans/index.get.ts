import { PlanListQuery, type PlanResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listPlans } from '../../../services/subscriptions/queries';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/plans?page=&limit=&sort=&q=: one page of the organization's plans (by code) with the total. */
export default defineEventHandler(async (event): Promise<ListPage<PlanResource>> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, PlanListQuery);
  return withEtag(event, await listPlans(query, organizationId));
});
