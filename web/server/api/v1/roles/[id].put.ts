import { IdParams, RoleBody, type RoleResource } from '@billstream/contracts';
import { saveRole } from '../../../services/roles/saveRole';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams, readJsonBody } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** PUT /api/v1/roles/:id: replaces a custom role (name, description, permissions). Built-ins are 409. */
export default defineEventHandler(async (event): Promise<RoleResource> => {
  const principal = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [{ id }, body] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => parseOrProblem(RoleBody, rawBody, 'body'),
  );
  return saveRole(principal, body, requestOrigin(event).ip, id);
});
