import { IdParams } from '@billstream/contracts';
import { setDefaultPaymentMethod } from '../../../../services/paymentMethods/setDefaultPaymentMethod';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams } from '../../../../utils/request';

/** POST /api/v1/payment-methods/:id/default: make it the account's default method. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  return setDefaultPaymentMethod(id, organizationId);
});
