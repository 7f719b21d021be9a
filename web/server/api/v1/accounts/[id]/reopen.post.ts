import { AccountActionBody } from '@billstream/contracts';
import { changeAccountStatus } from '../../../../services/accounts/changeAccountStatus';
import { accountCommandHandler } from '../../../../utils/accountCommandHandler';

/** POST /api/v1/accounts/:id/reopen (id or external id): active again after a freeze or a close (202). */
export default accountCommandHandler(
  AccountActionBody,
  { action: 'account.reopened', withRef: true },
  (request, body, ref) => changeAccountStatus({ ...request, body, ref, transition: 'reopen' }),
);
