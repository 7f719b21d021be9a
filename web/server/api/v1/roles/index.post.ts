import { RoleBody, type RoleResource } from '@billstream/contracts';
import { saveRole } from '../../../services/roles/saveRole';
import { requirePrincipal } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** POST /api/v1/roles {name, description?, permissions}: a custom role of the caller's organization (201). */
export default defineEventHandler(async (event): Promise<RoleResource> => {
  const principal = requirePrincipal(event);
  const body = await readValidatedJson(event, RoleBody);
  const role = await saveRole(principal, body, requestOrigin(event).ip);
  setResponseStatus(event, 201);
  return role;
});
