import { CreateApiTokenBody, type CreatedApiToken } from '@billstream/contracts';
import { createApiToken } from '../../../services/apiTokens/createApiToken';
import { requireSession } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/**
 * POST /api/v1/api-tokens {name, scopes, expiresInDays?}: 201 with the secret, shown this once.
 * Signed-in sessions only (the route map says so too): a token cannot mint tokens.
 * expiresInDays defaults to 90, at most 366.
 */
export default defineEventHandler(async (event): Promise<CreatedApiToken> => {
  const principal = requireSession(event);
  const body = await readValidatedJson(event, CreateApiTokenBody);
  const created = await createApiToken(principal, body, requestOrigin(event).ip);
  setResponseStatus(event, 201);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return created;
});
