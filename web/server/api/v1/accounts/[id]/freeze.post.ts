import { AccountActionBody } from '@billstream/contracts';
import { changeAccountStatus } from '../../../../services/accounts/changeAccountStatus';
import { accountCommandHandler } from '../../../../utils/accountCommandHandler';

/** POST /api/v1/accounts/:id/freeze (id or external id): no debits (credits still land) until reopened (202). */
export default accountCommandHandler(
  AccountActionBody,
  { action: 'account.frozen', withRef: true },
  (request, body, ref) => changeAccountStatus({ ...request, body, ref, transition: 'freeze' }),
);
