import { EmptyCommandBody } from '@billstream/contracts';
import { invoiceCommandHandler } from '../../../../utils/invoiceCommandHandler';

/** POST /api/v1/invoices/:id/uncollectible: write the invoice off (it can still be paid later). */
export default invoiceCommandHandler(EmptyCommandBody, () => ({ kind: 'uncollectible' }));
