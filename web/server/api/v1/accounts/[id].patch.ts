import { UpdateAccountBody } from '@billstream/contracts';
import { updateAccount } from '../../../services/accounts/updateAccount';
import { accountCommandHandler } from '../../../utils/accountCommandHandler';

/** PATCH /api/v1/accounts/:id (id or external id): change details or the credit limit (202). */
export default accountCommandHandler(
  UpdateAccountBody,
  { action: 'account.updated', withRef: true },
  (request, body, ref) => updateAccount({ ...request, body, ref }),
);
