import { BalanceAsOfQuery, IdParams } from '@billstream/contracts';
import { balanceAsOf } from '../../../../services/accounts/balanceAsOf';
import { withEtag } from '../../../../utils/etag';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams, getValidatedQueryParams } from '../../../../utils/request';

/** GET /api/v1/accounts/:id/balance?at=…: the ledger balance at any instant (default: now). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const { at } = getValidatedQueryParams(event, BalanceAsOfQuery);
  return withEtag(event, await balanceAsOf(id, organizationId, at ? new Date(at) : new Date()));
});
