import { AccountActionBody } from '@billstream/contracts';
import { changeAccountStatus } from '../../../../services/accounts/changeAccountStatus';
import { accountCommandHandler } from '../../../../utils/accountCommandHandler';

/** POST /api/v1/accounts/:id/close (id or external id): nothing is credited or debited until reopened (202). */
export default accountCommandHandler(
  AccountActionBody,
  { action: 'account.closed', withRef: true },
  (request, body, ref) => changeAccountStatus({ ...request, body, ref, transition: 'close' }),
);
