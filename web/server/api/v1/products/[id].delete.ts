import { IdParams } from '@billstream/contracts';
import { deleteProduct } from '../../../services/products/deleteProduct';
import { preconditionOf, unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** DELETE /api/v1/products/:id: 204 once the tombstone is on the topic. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  unwrap(await deleteProduct(organizationId, id, preconditionOf(event)));
  setResponseStatus(event, 204);
  return null;
});
