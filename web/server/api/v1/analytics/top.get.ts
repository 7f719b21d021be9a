import { TopQuery, type TopRowResource } from '@billstream/contracts';
import { topSellers } from '../../../services/analytics/topSellers';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/analytics/top?from=&to=&limit=: top products and categories by invoiced revenue. */
export default defineEventHandler(
  async (event): Promise<{ products: TopRowResource[]; categories: TopRowResource[] }> => {
    const { organizationId } = requirePrincipal(event);
    const query = getValidatedQueryParams(event, TopQuery);
    return topSellers(organizationId, query);
  },
);
