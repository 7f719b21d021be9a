import { VoidInvoiceBody } from '@billstream/contracts';
import { invoiceCommandHandler } from '../../../../utils/invoiceCommandHandler';

/** POST /api/v1/invoices/:id/void: cancel a draft or an unpaid invoice, with a reason. */
export default invoiceCommandHandler(VoidInvoiceBody, (body) => ({ kind: 'void', reason: body.reason }));
