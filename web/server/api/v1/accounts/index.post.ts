import { CreateAccountBody } from '@billstream/contracts';
import { openAccount } from '../../../services/accounts/openAccount';
import { accountCommandHandler } from '../../../utils/accountCommandHandler';

/** POST /api/v1/accounts: accept a new customer (202 + Location of its account); the ledger opens it. */
export default accountCommandHandler(CreateAccountBody, { action: 'account.opened', withRef: false }, (request, body) =>
  openAccount({ ...request, body }),
);
