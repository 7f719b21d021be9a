import { IdParams } from '@billstream/contracts';
import { revokeApiToken } from '../../../services/apiTokens/revokeApiToken';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** DELETE /api/v1/api-tokens/:id: revokes one of the caller's tokens (204). */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  await revokeApiToken(principal, id, requestOrigin(event).ip);
  setResponseStatus(event, 204);
  return null;
});
