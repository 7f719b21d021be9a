import { looksLikeApiToken } from '../services/apiTokens/apiTokenSecret';
import { authenticateApiToken } from '../services/apiTokens/authenticateApiToken';
import { authenticateSession } from '../services/sessions/authenticateSession';
import {
  ACCESS_COOKIE,
  clearSessionCookies,
  REFRESH_COOKIE,
  replaceRequestCookies,
  setSessionCookies,
} from '../utils/authCookies';
import { problemsAuth } from '../utils/principal';

/** Built assets never need to know who asks. */
const ANONYMOUS_PREFIXES = ['/_nuxt/', '/__nuxt', '/_fonts/', '/favicon'];
/** Personal API tokens open these routes only (not the session routes under /api/auth). */
const API_TOKEN_PREFIX_PATH = '/api/v1/';
/** The explicit refresh route does its own rotation. */
const REFRESH_PATH = '/api/auth/refresh';

/**
 * Resolves the caller into event.context.principal: a personal API token
 * (Authorization: Bearer bst_...) on /api/v1, else the browser session in
 * the cookies, silently refreshed when the access token has expired. Who may
 * do what is decided next, by 03.authorize.ts.
 */
export default defineEventHandler(async (event) => {
  const path = event.path.split('?')[0] ?? '/';
  if (ANONYMOUS_PREFIXES.some((prefix) => path.startsWith(prefix))) return;
  const authorization = getRequestHeader(event, 'authorization');
  if (authorization && path.startsWith('/api/')) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token || !looksLikeApiToken(token)) throw problemsAuth.unauthenticated('Send Authorization: Bearer bst_...');
    if (!path.startsWith(API_TOKEN_PREFIX_PATH)) {
      throw problemsAuth.unauthenticated(`API tokens are accepted by ${API_TOKEN_PREFIX_PATH}* routes only`);
    }
    const principal = await authenticateApiToken(token);
    if (!principal) throw problemsAuth.unauthenticated('The API token is unknown, revoked or expired');
    event.context.principal = principal;
    return;
  }
  const accessToken = getCookie(event, ACCESS_COOKIE);
  const refreshToken = getCookie(event, REFRESH_COOKIE);
  if (!accessToken && !refreshToken) return;
  const result = await authenticateSession(accessToken, refreshToken, { refresh: path !== REFRESH_PATH });
  if (result.reissued) {
    setSessionCookies(event, result.reissued);
    replaceRequestCookies(event, result.reissued);
  } else if (result.clear) {
    clearSessionCookies(event);
  }
  if (result.principal) event.context.principal = result.principal;
});
