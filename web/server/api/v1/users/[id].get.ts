import { IdParams, type UserResource } from '@billstream/contracts';
import { getUser } from '../../../services/users/getUser';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/users/:id: one user of the caller's organization. */
export default defineEventHandler(async (event): Promise<UserResource> => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return getUser(principal.organizationId, id);
});
