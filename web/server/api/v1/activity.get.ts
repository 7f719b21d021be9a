import { z } from 'zod';
import { listActivity } from '../../services/activity/listActivity';
import { PageQuery, pageLinks } from '../../utils/pagination';
import { requirePrincipal } from '../../utils/principal';
import { getValidatedQueryParams } from '../../utils/request';

const ActivityQuery = PageQuery.extend({
  action: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/, 'must be an action such as auth.login')
    .optional(),
});

/** GET /api/v1/activity?limit=&cursor=&action=: the organization's audit trail, newest first. */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const query = getValidatedQueryParams(event, ActivityQuery);
  const { data, nextCursor } = await listActivity(principal.organizationId, query);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return {
    data,
    page: { limit: query.limit, nextCursor },
    links: pageLinks('/api/v1/activity', query, nextCursor, { action: query.action }),
  };
});
