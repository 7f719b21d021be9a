import { RecordInvoicePaymentBody } from '@billstream/contracts';
import { invoiceCommandHandler } from '../../../../utils/invoiceCommandHandler';

/** POST /api/v1/invoices/:id/payments: record a payment received outside Billstream (method "manual"). */
export default invoiceCommandHandler(RecordInvoicePaymentBody, (body) => ({ kind: 'payment', amount: body.amount }));
