import type { RoleResource } from '@billstream/contracts';
import { listRoles } from '../../../services/roles/listRoles';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';

/** GET /api/v1/roles: built-in roles and the caller's organization's custom roles. */
export default defineEventHandler(async (event): Promise<{ data: RoleResource[] }> => {
  const principal = requirePrincipal(event);
  return withEtag(event, { data: await listRoles(principal.organizationId) });
});
