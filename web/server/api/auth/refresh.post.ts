import type { LoginResult } from '@billstream/contracts';
import { loadUserAccess } from '../../services/access/loadUserAccess';
import { sessionUserOf } from '../../services/auth/sessionUserOf';
import { refreshSession } from '../../services/sessions/authenticateSession';
import { clearSessionCookies, REFRESH_COOKIE, setSessionCookies } from '../../utils/authCookies';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../utils/authSettings';
import { problemsAuth } from '../../utils/principal';

/**
 * POST /api/auth/refresh: trades the refresh cookie for a new access token
 * and a new refresh token (rotation). A replaced refresh token used again
 * revokes the session. (Requests also refresh silently when the access
 * token has expired; this route is for clients that refresh ahead.)
 */
export default defineEventHandler(async (event): Promise<LoginResult> => {
  const refreshToken = getCookie(event, REFRESH_COOKIE);
  const result = refreshToken ? await refreshSession(refreshToken) : { clear: true };
  const access = result.principal ? await loadUserAccess(result.principal.userId) : undefined;
  if (!result.reissued || !access) {
    clearSessionCookies(event);
    throw problemsAuth.unauthenticated('The refresh token is missing, expired or revoked; sign in again');
  }
  setSessionCookies(event, result.reissued);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return {
    csrfToken: result.reissued.csrfToken,
    accessTokenExpiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
    user: sessionUserOf(access),
  };
});
