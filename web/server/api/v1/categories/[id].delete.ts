import { IdParams } from '@billstream/contracts';
import { deleteCategory } from '../../../services/categories/deleteCategory';
import { preconditionOf, unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** DELETE /api/v1/categories/:id: 204 once the tombstone is on the topic; 409 while it has children or products. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  unwrap(await deleteCategory(organizationId, id, preconditionOf(event)));
  setResponseStatus(event, 204);
  return null;
});
