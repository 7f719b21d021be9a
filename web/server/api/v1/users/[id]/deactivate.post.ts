import { IdParams, type UserResource } from '@billstream/contracts';
import { setUserStatus } from '../../../../services/users/setUserStatus';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams } from '../../../../utils/request';
import { requestOrigin } from '../../../../utils/requestContext';

/** POST /api/v1/users/:id/deactivate: see services/users/setUserStatus.ts. */
export default defineEventHandler(async (event): Promise<UserResource> => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  return setUserStatus(principal, id, 'deactivate', requestOrigin(event).ip);
});
