import { IdParams } from '@billstream/contracts';
import { deleteRole } from '../../../services/roles/deleteRole';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** DELETE /api/v1/roles/:id: deletes a custom role (204); its users lose it. */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  await deleteRole(principal, id, requestOrigin(event).ip);
  setResponseStatus(event, 204);
  return null;
});
