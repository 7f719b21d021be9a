import { PaymentMethodListQuery } from '@billstream/contracts';
import { listPaymentMethods } from '../../../services/paymentMethods/listPaymentMethods';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/payment-methods?accountId=: the account's live methods, default first. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { accountId } = getValidatedQueryParams(event, PaymentMethodListQuery);
  return { data: await listPaymentMethods(accountId, organizationId) };
});
