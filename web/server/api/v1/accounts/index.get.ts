import type { AccountView, Page } from '#shared/types/api';
import { listAccounts } from '../../../services/accounts/listAccounts';
import { withEtag } from '../../../utils/etag';
import { PageQuery, pageLinks } from '../../../utils/pagination';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/accounts?limit=&cursor=: accounts by account number. */
export default defineEventHandler(async (event): Promise<Page<AccountView>> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, PageQuery);
  const { data, nextCursor } = await listAccounts(query, organizationId);
  return withEtag(event, {
    data,
    page: { limit: query.limit, nextCursor },
    links: pageLinks('/api/v1/accounts', query, nextCursor),
  });
});
