import { PaymentPageQuery } from '@billstream/contracts';
import { listPayments } from '../../../services/payments/listPayments';
import { pageLinks } from '../../../utils/pagination';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/payments?status=&accountId=&invoiceId=&limit=&cursor=: newest first. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, PaymentPageQuery);
  const { data, nextCursor } = await listPayments(query, organizationId);
  return {
    data,
    page: { limit: query.limit, nextCursor },
    links: pageLinks('/api/v1/payments', query, nextCursor, {
      status: query.status,
      accountId: query.accountId,
      invoiceId: query.invoiceId,
    }),
  };
});
