import { IdParams } from '@billstream/contracts';
import { loadInvoiceDocument } from '../../../../services/invoices/loadInvoiceDocument';
import { renderInvoiceDocument } from '../../../../services/invoices/renderInvoiceDocument';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams } from '../../../../utils/request';

/** GET /api/v1/invoices/:id/document: the printable invoice as a self-contained HTML page. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const html = renderInvoiceDocument(await loadInvoiceDocument(id, organizationId));
  setResponseHeader(event, 'Content-Type', 'text/html; charset=utf-8');
  // The page carries no script; the policy makes sure none could run.
  setResponseHeader(event, 'Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  setResponseHeader(event, 'Cache-Control', 'private, no-cache');
  return html;
});
