import { findApiRoute } from '#shared/auth/apiRoutes';
import { CSRF_HEADER } from '../utils/authCookies';
import { assertCsrfExemptBodyIsJson, authorizeRequest } from '../utils/authorizeRequest';

/**
 * Every /api request passes the route map (shared/auth/apiRoutes.ts) before
 * its handler runs: unmapped routes are refused, then authentication,
 * permission and the CSRF double-submit check for cookie sessions; CSRF-exempt
 * writes must carry JSON instead.
 */
export default defineEventHandler((event) => {
  const path = event.path.split('?')[0] ?? '/';
  if (!path.startsWith('/api/') && path !== '/api') return;
  const route = findApiRoute(event.method, path);
  authorizeRequest(event.method, path, route, event.context.principal, getRequestHeader(event, CSRF_HEADER));
  const declaredLength = Number(getRequestHeader(event, 'content-length') ?? 0);
  const hasBody = declaredLength > 0 || getRequestHeader(event, 'transfer-encoding') !== undefined;
  assertCsrfExemptBodyIsJson(event.method, route, getRequestHeader(event, 'content-type'), hasBody);
});
