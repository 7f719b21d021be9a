import type { UserResource } from '@billstream/contracts';
import { listUsers } from '../../../services/users/listUsers';
import { requirePrincipal } from '../../../utils/principal';

/** GET /api/v1/users: the users of the caller's organization with their roles. */
export default defineEventHandler(async (event): Promise<{ data: UserResource[] }> => {
  const principal = requirePrincipal(event);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return { data: await listUsers(principal.organizationId) };
});
