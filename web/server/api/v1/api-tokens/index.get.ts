import { ApiTokenListQuery, type ApiTokenResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listApiTokens } from '../../../services/apiTokens/listApiTokens';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/api-tokens?page=&limit=&sort=&q=: the caller's personal API tokens (never their secrets), with the total. */
export default defineEventHandler(async (event): Promise<ListPage<ApiTokenResource>> => {
  const principal = requirePrincipal(event);
  const query = getValidatedQueryParams(event, ApiTokenListQuery);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return listApiTokens(query, principal.userId);
});
