import { z } from 'zod';
import { listOutbox } from '../../services/outbox/listOutbox';
import { SearchText } from '../../utils/listQuery';
import { PageQuery, pageLinks } from '../../utils/pagination';
import { requirePrincipal } from '../../utils/principal';
import { getValidatedQueryParams } from '../../utils/request';

const OutboxQuery = PageQuery.extend({ to: z.string().max(255, 'is too long').optional(), q: SearchText });

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
