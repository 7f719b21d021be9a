import { RoleListQuery, type RoleResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listRoles } from '../../../services/roles/listRoles';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/roles?page=&limit=&sort=&q=: built-in roles and the caller's organization's custom roles, with the total. */
export default defineEventHandler(async (event): Promise<ListPage<RoleResource>> => {
  const principal = requirePrincipal(event);
  const query = getValidatedQueryParams(event, RoleListQuery);
  return withEtag(event, await listRoles(query, principal.organizationId));
});
