import { LoginBody, type LoginResult } from '@billstream/contracts';
import { logIn } from '../../services/auth/logIn';
import { sessionUserOf } from '../../services/auth/sessionUserOf';
import { revokeSession } from '../../services/sessions/revokeSession';
import { setSessionCookies } from '../../utils/authCookies';
import { readValidatedJson } from '../../utils/request';
import { requestOrigin } from '../../utils/requestContext';

/** POST /api/auth/login: e-mail + password -> session cookies (HttpOnly tokens) and the CSRF token. */
export default defineEventHandler(async (event): Promise<LoginResult> => {
  const body = await readValidatedJson(event, LoginBody);
  const { access, session } = await logIn({ ...body, ...requestOrigin(event) });
  // Signing in again replaces the session this browser had.
  const previous = event.context.principal;
  if (previous?.sessionId) await revokeSession(previous.userId, previous.sessionId);
  setSessionCookies(event, session);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return {
    csrfToken: session.csrfToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt.toISOString(),
    user: sessionUserOf(access),
  };
});
