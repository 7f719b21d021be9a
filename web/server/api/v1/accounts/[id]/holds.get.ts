import { IdParams } from '@billstream/contracts';
import { findAccount } from '../../../../services/accounts/findAccount';
import { listAccountHolds } from '../../../../services/holds/findHold';
import { withEtag } from '../../../../utils/etag';
import { requirePrincipal } from '../../../../utils/principal';
import { problems } from '../../../../utils/problem';
import { getValidatedParams } from '../../../../utils/request';

/** GET /api/v1/accounts/:id/holds: the account's holds, pending first. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  if (!(await findAccount(id, organizationId))) {
    throw problems.notFound(`There is no account ${id}`, { name: 'params.id', reason: 'no such account' });
  }
  return withEtag(event, { data: await listAccountHolds(id, organizationId) });
});
