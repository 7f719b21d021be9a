import { ActivityQuery } from '@billstream/contracts';
import { listActivity } from '../../services/activity/listActivity';
import { pageLinks } from '../../utils/pagination';
import { requirePrincipal } from '../../utils/principal';
import { getValidatedQueryParams } from '../../utils/request';

/** GET /api/v1/activity?limit=&cursor=&action=: the organization's activity log, newest first. */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const query = getValidatedQueryParams(event, ActivityQuery);
  const { data, nextCursor } = await listActivity(principal.organizationId, query);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return {
    data,
    page: { limit: query.limit, nextCursor },
    links: pageLinks('/api/v1/activity', query, nextCursor, { action: query.action, q: query.q }),
  };
});
