import { OutboxQuery } from '@billstream/contracts';
import { listOutbox } from '../../services/outbox/listOutbox';
import { pageLinks } from '../../utils/pagination';
import { requirePrincipal } from '../../utils/principal';
import { getValidatedQueryParams } from '../../utils/request';

/**
 * GET /api/v1/outbox?limit=&cursor=&to=&q=: the development outbox (mail stored
 * instead of sent), newest first; `q` searches subject and recipient.
 */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const query = getValidatedQueryParams(event, OutboxQuery);
  const { data, nextCursor } = await listOutbox(principal.organizationId, query);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return {
    data,
    page: { limit: query.limit, nextCursor },
    links: pageLinks('/api/v1/outbox', query, nextCursor, { to: query.to, q: query.q }),
  };
});
