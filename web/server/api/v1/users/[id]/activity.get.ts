import { ActivityQuery, IdParams } from '@billstream/contracts';
import { listActivity } from '../../../../services/activity/listActivity';
import { findOrgUser } from '../../../../services/users/findOrgUser';
import { pageLinks } from '../../../../utils/pagination';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams, getValidatedQueryParams } from '../../../../utils/request';
import { validateTogether } from '../../../../utils/validation';

/** GET /api/v1/users/:id/activity?limit=&cursor=&action=: what one user did, newest first. */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const [{ id }, query] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => getValidatedQueryParams(event, ActivityQuery),
  );
  await findOrgUser(principal.organizationId, id);
  const { data, nextCursor } = await listActivity(principal.organizationId, { ...query, userId: id });
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return {
    data,
    page: { limit: query.limit, nextCursor },
    links: pageLinks(`/api/v1/users/${id}/activity`, query, nextCursor, { action: query.action, q: query.q }),
  };
});
