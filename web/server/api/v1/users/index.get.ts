import { UserListQuery, type UserResource } from '@billstream/contracts';
import { listUsers } from '../../../services/users/listUsers';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/users?search=&status=: the users of the caller's organization with their roles. */
export default defineEventHandler(async (event): Promise<{ data: UserResource[] }> => {
  const principal = requirePrincipal(event);
  const query = getValidatedQueryParams(event, UserListQuery);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return { data: await listUsers(principal.organizationId, query) };
});
