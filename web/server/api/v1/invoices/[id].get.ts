import { IdParams } from '@billstream/contracts';
import { getInvoice } from '../../../services/invoices/getInvoice';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/invoices/:id: the invoice with lines and status timeline, or "pending" until it exists. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  return withEtag(event, await getInvoice(id, organizationId));
});
