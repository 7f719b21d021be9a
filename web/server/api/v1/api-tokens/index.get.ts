import type { ApiTokenResource } from '@billstream/contracts';
import { listApiTokens } from '../../../services/apiTokens/listApiTokens';
import { requirePrincipal } from '../../../utils/principal';

/** GET /api/v1/api-tokens: the caller's personal API tokens (never their secrets). */
export default defineEventHandler(async (event): Promise<{ data: ApiTokenResource[] }> => {
  const principal = requirePrincipal(event);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return { data: await listApiTokens(principal.userId) };
});
