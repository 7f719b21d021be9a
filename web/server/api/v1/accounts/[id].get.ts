import { IdParams } from '@billstream/contracts';
import { getAccount } from '../../../services/accounts/getAccount';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/accounts/:id: the account with its current balance. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  return withEtag(event, await getAccount(id, organizationId));
});
