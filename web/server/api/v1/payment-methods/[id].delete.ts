import { IdParams } from '@billstream/contracts';
import { removePaymentMethod } from '../../../services/paymentMethods/removePaymentMethod';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** DELETE /api/v1/payment-methods/:id: remove a method (204). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  await removePaymentMethod(id, organizationId);
  setResponseStatus(event, 204);
  return null;
});
