import { EmptyCommandBody } from '@billstream/contracts';
import { invoiceCommandHandler } from '../../../../utils/invoiceCommandHandler';

/** POST /api/v1/invoices/:id/issue: issue a draft (it gets its number and due date). */
export default invoiceCommandHandler(EmptyCommandBody, () => ({ kind: 'issue' }));
