import { InvoiceListQuery } from '@billstream/contracts';
import { listInvoices } from '../../../services/invoices/listInvoices';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/invoices?status=&accountId=&from=&to=&q=&page=&limit=&sort=: the caller's invoices (`search` is the older name of `q`). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, InvoiceListQuery);
  return withEtag(event, await listInvoices(query, organizationId));
});
