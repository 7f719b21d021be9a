import { IdParams } from '@billstream/contracts';
import { findHold } from '../../../services/holds/findHold';
import { withEtag } from '../../../utils/etag';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/holds/:id: a hold as the ledger decided it. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  return withEtag(event, await findHold(id, organizationId));
});
