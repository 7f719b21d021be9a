import { IdParams } from '@billstream/contracts';
import { getTransaction } from '../../../services/transactions/getTransaction';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/transactions/:id: the ledger's verdict, or "pending" until it exists. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  // Status changes from pending to completed: caches must always revalidate (no-cache + ETag).
  return withEtag(event, await getTransaction(id, organizationId));
});
