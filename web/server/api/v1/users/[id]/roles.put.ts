import { IdParams, type UserResource, UserRolesBody } from '@billstream/contracts';
import { setUserRoles } from '../../../../services/users/setUserRoles';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams, readJsonBody } from '../../../../utils/request';
import { requestOrigin } from '../../../../utils/requestContext';
import { parseOrProblem, validateTogether } from '../../../../utils/validation';

/** PUT /api/v1/users/:id/roles {roleIds}: the user's complete set of roles. */
export default defineEventHandler(async (event): Promise<UserResource> => {
  const principal = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [{ id }, body] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => parseOrProblem(UserRolesBody, rawBody, 'body'),
  );
  return setUserRoles(principal, id, body.roleIds, requestOrigin(event).ip);
});
