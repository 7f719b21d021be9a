import { loadInvoiceCatalog } from '../../../services/invoices/loadInvoiceCatalog';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';

/** GET /api/v1/invoices/catalog: active products and tax rates for the invoice form and its preview. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  return withEtag(event, await loadInvoiceCatalog(organizationId));
});
