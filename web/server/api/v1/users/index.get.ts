import type { UserResource } from '@billstream/contracts';
import { UserListQuery } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listUsers } from '../../../services/users/listUsers';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/users?page=&limit=&sort=&q=&status=: the users of the caller's organization with their roles. */
export default defineEventHandler(async (event): Promise<ListPage<UserResource>> => {
  const principal = requirePrincipal(event);
  const query = getValidatedQueryParams(event, UserListQuery);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return listUsers(principal.organizationId, query);
});
