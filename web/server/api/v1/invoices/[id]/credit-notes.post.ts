import { CreateCreditNoteBody } from '@billstream/contracts';
import { invoiceCommandHandler } from '../../../../utils/invoiceCommandHandler';

/** POST /api/v1/invoices/:id/credit-notes: credit part of what is due. */
export default invoiceCommandHandler(CreateCreditNoteBody, (body) => ({
  kind: 'credit-note',
  amount: body.amount,
  reason: body.reason,
}));
