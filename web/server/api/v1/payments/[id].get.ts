import { IdParams } from '@billstream/contracts';
import { getPayment } from '../../../services/payments/getPayment';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/payments/:id: the intent with its refunds, timeline and last refused command. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  return getPayment(id, organizationId);
});
