import { IdParams, PageQuery, type TransactionResource } from '@billstream/contracts';
import type { Page } from '#shared/types/api';
import { listAccountTransactions } from '../../../../services/transactions/listAccountTransactions';
import { withEtag } from '../../../../utils/etag';
import { pageLinks } from '../../../../utils/pagination';
import { requirePrincipal } from '../../../../utils/principal';
import { cachedRead, VIEW_CACHE_TTL_SECONDS } from '../../../../utils/readCache';
import { getValidatedParams, getValidatedQueryParams } from '../../../../utils/request';
import { validateTogether } from '../../../../utils/validation';

/** GET /api/v1/accounts/:id/transactions?limit=&cursor=: history, newest first. */
export default defineEventHandler(async (event): Promise<Page<TransactionResource>> => {
  const { organizationId } = requirePrincipal(event);
  const [{ id }, query] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => getValidatedQueryParams(event, PageQuery),
  );
  const scope = { organizationId, resource: 'transactions', ttlSeconds: VIEW_CACHE_TTL_SECONDS } as const;
  const body = await cachedRead(event, scope, async () => {
    const { data, nextCursor } = await listAccountTransactions(id, query, organizationId);
    const links = pageLinks(`/api/v1/accounts/${id}/transactions`, query, nextCursor);
    return { data, page: { limit: query.limit, nextCursor }, links };
  });
  return withEtag(event, body);
});
