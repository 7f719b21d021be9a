import { IdParams } from '@billstream/contracts';
import { loadInvoiceDocument } from '../../../../services/invoices/loadInvoiceDocument';
import { documentTitle } from '../../../../services/invoices/renderInvoiceDocument';
import { renderInvoicePdf } from '../../../../services/invoices/renderInvoicePdf';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams } from '../../../../utils/request';

/** GET /api/v1/invoices/:id/pdf: the invoice as a PDF download. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const doc = await loadInvoiceDocument(id, organizationId);
  const pdf = await renderInvoicePdf(doc);
  const fileName = `${documentTitle(doc.invoice).replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`;
  setResponseHeader(event, 'Content-Type', 'application/pdf');
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="${fileName}"`);
  setResponseHeader(event, 'Cache-Control', 'private, no-cache');
  return pdf;
});
