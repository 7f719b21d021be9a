import { DateRangeQuery, type PaymentHourResource } from '@billstream/contracts';
import { paymentSuccess } from '../../../services/analytics/paymentSuccess';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/analytics/payments?from=&to=: payment success rate per gateway and hour. */
export default defineEventHandler(async (event): Promise<{ data: PaymentHourResource[] }> => {
  const { organizationId } = requirePrincipal(event);
  const range = getValidatedQueryParams(event, DateRangeQuery);
  return { data: await paymentSuccess(organizationId, range) };
});
